/* Podium embeds, for the page that embeds them (Podium's own pages load no script).
   Sizes every <iframe data-podium-embed> to the height of the chart inside: its embed page posts
   {podium: "height", height: <px>} to its parent when that height changes. Messages from other
   windows, from another origin than the frame's address, or of another shape are ignored. */
addEventListener("message", function (event) {
  var data = event.data, frames = document.querySelectorAll("iframe[data-podium-embed]"), i;
  if (!data || data.podium !== "height" || typeof data.height !== "number" || !(data.height > 0 && data.height < 100000)) return;
  for (i = 0; i < frames.length; i++) {
    if (frames[i].contentWindow === event.source && new URL(frames[i].src, location.href).origin === event.origin) {
      frames[i].style.height = Math.ceil(data.height) + "px";
    }
  }
});

select * from b_model

select * from a_model

"""Products, SKUs, pictures and the validation rules: pure, no I/O, no Qt."""

"""Reading product sheets (.xlsx/.xlsm/.csv) and writing the template and result report."""

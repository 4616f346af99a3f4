-- 003: customers get an optional phone number (an additive, safe change)
ALTER TABLE customers ADD COLUMN phone text;

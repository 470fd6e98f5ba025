-- The customer's time zone (IANA id, optional): their business-hours SLA calendar follows its wall clock.
ALTER TABLE ticket ADD COLUMN customer_time_zone TEXT;

-- Default staff directory (team ids are routing-service's). It is read per event, so a later migration (or an operator) may change it at runtime.
INSERT INTO recipient (staff_id, name, role, team_id, email) VALUES
    ('mgr-support',     'Morgan Reyes',  'MANAGER',  NULL,                 'morgan.reyes@ticketsuite.io'),
    ('dir-support',     'Dana Okafor',   'DIRECTOR', NULL,                 'dana.okafor@ticketsuite.io'),
    ('mgr-billing',     'Blake Moreau',  'MANAGER',  'billing',            'blake.moreau@ticketsuite.io'),
    ('mgr-accounts',    'Avery Lindqvist', 'MANAGER', 'account-management', 'avery.lindqvist@ticketsuite.io'),
    ('mgr-engineering', 'Eli Nakamura', 'MANAGER', 'eng-tier1', 'eli.nakamura@ticketsuite.io'),
    ('mgr-engineering', 'Eli Nakamura', 'MANAGER', 'eng-tier2', 'eli.nakamura@ticketsuite.io'),
    ('mgr-engineering', 'Eli Nakamura', 'MANAGER', 'eng-tier3', 'eli.nakamura@ticketsuite.io'),
    ('dir-engineering', 'Priya Raman', 'DIRECTOR', 'eng-tier1', 'priya.raman@ticketsuite.io'),
    ('dir-engineering', 'Priya Raman', 'DIRECTOR', 'eng-tier2', 'priya.raman@ticketsuite.io'),
    ('dir-engineering', 'Priya Raman', 'DIRECTOR', 'eng-tier3', 'priya.raman@ticketsuite.io'),
    ('mgr-security',    'Sam Adeyemi',   'MANAGER',  'security',           'sam.adeyemi@ticketsuite.io'),
    ('dir-security',    'Sasha Novak',   'DIRECTOR', 'security',           'sasha.novak@ticketsuite.io'),
    ('mgr-product',     'Parker Chen',   'MANAGER',  'product',            'parker.chen@ticketsuite.io'),
    ('mgr-devrel',      'Drew Costa',    'MANAGER',  'devrel',             'drew.costa@ticketsuite.io'),
    ('mgr-account',     'Alex Weber',    'MANAGER',  'account',            'alex.weber@ticketsuite.io');

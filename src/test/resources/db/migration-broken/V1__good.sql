CREATE TABLE good (id INTEGER PRIMARY KEY, note TEXT DEFAULT 'a;b');
INSERT INTO good (note) VALUES ('it''s; fine');

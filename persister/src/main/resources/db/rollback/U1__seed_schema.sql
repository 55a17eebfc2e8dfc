-- Undoes V1: removes the schema and every stored result.
DROP TABLE regions;
DROP TABLE classes;
DROP TABLE images;

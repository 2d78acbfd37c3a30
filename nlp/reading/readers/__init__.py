"""One reader per input format; each turns a file into raw paragraphs and tables."""

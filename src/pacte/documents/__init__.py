"""Documents: the source files of imported conventions and the drafts read from them."""

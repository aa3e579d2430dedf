"""The demo content: the seed blog's 62 posts, filed into their six series."""

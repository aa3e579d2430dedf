"""The demo content (command `load_demo`): the seed blog's 62 posts, filed into
their six series. An app of its own because it fills both `posts` and `series`."""

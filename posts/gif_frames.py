"""
Count a GIF's frames from its block structure, without decoding a pixel.

Pillow's `n_frames` walks through every frame in Python: a 10 MB file of tiny frames
holds hundreds of thousands of them and takes seconds to count. This walk stops as
soon as the count passes what would be accepted anyway.
"""

import re

TRAILER = 0x3B
EXTENSION = 0x21
IMAGE = 0x2C
# Between blocks Pillow skips any other byte, looking for the next introducer.
NEXT_BLOCK = re.compile(rb"[!,;]")


def colour_table_size(flags):
    """Bytes of the colour table that follows a descriptor with these flags."""
    return 3 << ((flags & 7) + 1) if flags & 0x80 else 0


def skip_sub_blocks(data, position):
    """Return the position after a chain of sub-blocks (each: length, bytes)."""
    while position < len(data) and (length := data[position]):
        position += length + 1
    return position + 1


def count_gif_frames(data, stop_after):
    """Return the number of frames, or stop_after once the count reaches it."""
    if len(data) < 13:
        return 0
    position = 13 + colour_table_size(data[10])
    count = 0
    while count < stop_after:
        found = NEXT_BLOCK.search(data, position)
        if found is None or data[found.start()] == TRAILER:
            break
        position = found.start()
        if data[position] == EXTENSION:
            position = skip_sub_blocks(data, position + 2)
        else:
            count += 1
            if position + 10 > len(data):
                break
            position += 10 + colour_table_size(data[position + 9])
            # One byte of LZW code size, then the image data.
            position = skip_sub_blocks(data, position + 1)
    return count

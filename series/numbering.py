"""How readers see the parts of a series: the one numbering rule.

Readers see the published parts of a series in the order of their positions.
Numbered parts read "Part 1", "Part 2"… with no gap, whatever positions the editor
gave them and whichever parts are not published yet; a part with a label ("Bonus",
"Appendix") reads as its label and takes no number. "Part 2 of 3" counts the
numbered parts readers can see.
"""


class PublicOrder:
    """The parts of one series as readers see them, numbered.

    parts: the series' parts readers see (and maybe `current`), in position order.
    current: the part whose page or share card is being made. A part that is not
    published yet is counted in: its preview and its share card (seen once it is
    published) show what readers will see then.
    """

    def __init__(self, parts, current=None):
        parts = list(parts)
        if current is not None:
            parts = [part for part in parts if part != current]
            parts.append(current)
            parts.sort(key=lambda part: part.position)
        self.parts = parts
        self.current = current
        self.count = 0
        for part in parts:
            if part.label:
                part.number = None
            else:
                self.count += 1
                part.number = self.count

    def __iter__(self):
        return iter(self.parts)

    def __len__(self):
        return len(self.parts)

    def __getitem__(self, index):
        return self.parts[index]

    def place(self, part):
        """Where a part stands for readers: "Part 2 of 3", or its label."""
        return part.label or f"{part.public_label} of {self.count}"

    @property
    def current_place(self):
        return self.place(self.current)

    def neighbour(self, step):
        index = self.parts.index(self.current) + step
        return self.parts[index] if 0 <= index < len(self.parts) else None

    @property
    def previous(self):
        return self.neighbour(-1)

    @property
    def next(self):
        return self.neighbour(+1)

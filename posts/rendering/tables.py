"""Empty header cells become plain cells.

A table whose corner is left blank (`|   | Astro | Django |`) would give an empty
`<th>`: screen readers announce a header with nothing to say, and accessibility
checkers flag it. An empty `<td>` says the same to sighted readers.
"""


def empty_headers_as_cells(state):
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "th_open":
            continue
        inline = tokens[index + 1]
        if inline.type == "inline" and not inline.content.strip():
            token.tag = "td"
            tokens[index + 2].tag = "td"  # its th_close


def empty_header_cells_plugin(md):
    md.core.ruler.push("empty_header_cells", empty_headers_as_cells)

package ui

import (
	"strings"

	"khatt/ui/rtl"
)

// drawer turns logical, styled paragraphs into screen lines through the one
// bidi step, and remembers lines it has drawn: a key press redraws only
// what changed.
type drawer struct {
	l      rtl.Layouter
	mode   rtl.Mode
	styles Styles
	cache  map[drawKey][]string
}

type drawKey struct {
	text     string
	width    int
	dir      rtl.Direction
	selected bool
}

func newDrawer(mode rtl.Mode, st Styles) *drawer {
	return &drawer{mode: mode, styles: st, cache: map[drawKey][]string{}}
}

// paragraph draws spans wrapped to width; selected paints the selection
// over every span.
func (d *drawer) paragraph(spans []rtl.Span, width int, dir rtl.Direction, selected bool) []string {
	var key strings.Builder
	for _, s := range spans {
		key.WriteString(s.Text)
		key.WriteByte(byte('A' + s.Style))
		if s.Isolate {
			key.WriteByte('~')
		}
	}
	k := drawKey{key.String(), width, dir, selected}
	if lines, ok := d.cache[k]; ok {
		return lines
	}
	paint := d.styles.Paint
	if selected {
		paint = d.styles.PaintSelected
	}
	lines := d.l.Paragraph(spans, width, dir, d.mode, paint)
	if len(d.cache) > 20000 {
		d.cache = map[drawKey][]string{} // a long session: start over rather than grow
	}
	d.cache[k] = lines
	return lines
}

// line draws one line, cut to width in logical order before ordering.
func (d *drawer) line(spans []rtl.Span, width int, dir rtl.Direction, selected bool) string {
	return d.paragraph(fitSpans(spans, width), width, dir, selected)[0]
}

// fitSpans cuts spans to width cells, in logical order, ending with "…".
func fitSpans(spans []rtl.Span, width int) []rtl.Span {
	total := 0
	for _, s := range spans {
		total += rtl.Width([]rune(s.Text))
	}
	if total <= width {
		return spans
	}
	var out []rtl.Span
	used := 0
	for _, s := range spans {
		rs := []rune(s.Text)
		w := rtl.Width(rs)
		if used+w <= width-1 {
			out = append(out, s)
			used += w
			continue
		}
		var cut []rune
		for _, r := range rs {
			rw := rtl.RuneWidth(r)
			if used+rw > width-1 {
				break
			}
			cut = append(cut, r)
			used += rw
		}
		out = append(out, rtl.Span{Text: string(cut) + "…", Style: s.Style, Isolate: s.Isolate})
		break
	}
	return out
}

// ansi applies the bidi step to an already styled line of a paragraph
// going in dir; a line wider than the pane wraps.
func (d *drawer) ansi(line string, width int, dir rtl.Direction) []string {
	k := drawKey{line, width, dir + 10, false}
	if lines, ok := d.cache[k]; ok {
		return lines
	}
	out := d.l.ANSILine(line, width, dir, d.mode)
	d.cache[k] = out
	return out
}

// blank is an empty line of width cells.
func blank(width int) string { return strings.Repeat(" ", max(width, 0)) }

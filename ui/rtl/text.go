package rtl

import (
	"strings"
	"unicode"

	"github.com/go-text/typesetting/segmenter"
	"github.com/mattn/go-runewidth"
)

// Mode says how much of the bidi work the app does itself.
type Mode struct {
	Reorder    bool // apply the bidi algorithm (app mode); false leaves logical order to the terminal
	Shape      bool // substitute contextual letter forms
	StripMarks bool // drop harakat
	// Isolate keeps left-to-right runs (dates, numbers, paths, Latin
	// words) and spans marked Isolate reading the same wherever they stand
	// (see isolate.go).
	Isolate bool
	// Marks (terminal mode) puts an LRM before each run that starts with
	// a digit: after Arabic letters the terminal's bidi would otherwise
	// draw "2020-06" as "06-2020" (digits after Arabic are Arabic numbers).
	Marks bool
	// Embed is terminal mode for terminals that lay every row out left to
	// right and honour isolates (Konsole, VTE): a right-to-left line goes
	// out in RLI … PDI, right-aligned by padding, its left-to-right runs in
	// LRI … PDI, and a ZWJ between lam and alef (Konsole's lam-alef
	// ligature would leave an empty cell).
	Embed bool
	// PreMirror mirrors beforehand the brackets the terminal will reverse
	// without mirroring (Konsole).
	PreMirror bool
	// KittyWords puts the letters of each right-to-left word back in
	// logical order after reordering: kitty draws such a word right to left
	// itself (and joins its letters), so the line's order is ours and the
	// word's is kitty's.
	KittyWords bool
}

// Span is a run of text with one style, identified by the caller.
// Consecutive spans marked Isolate form one isolate that takes its own
// direction (typed input, a path) when Mode.Isolate is on.
type Span struct {
	Text    string
	Style   int
	Isolate bool
}

// Painter draws text in a style; it must not change the text's width.
type Painter func(style int, text string) string

// Layouter wraps and orders styled paragraphs. Reuse one; it is not safe for
// concurrent use.
type Layouter struct {
	a   Analyzer
	seg segmenter.Segmenter
}

// RuneWidth is the number of cells a rune takes: 0 for combining marks.
func RuneWidth(r rune) int {
	if isMark(r) || r == zwj || r == '\u200c' || r == '\u200e' || r == '\u200f' || r >= lri && r <= pdi {
		return 0
	}
	return runewidth.RuneWidth(r)
}

// dropped reports whether rs[i] is left out of a drawn line so that every
// rune's width is what every terminal draws: explicit bidi embeddings,
// overrides and isolates (the line's order is ours to decide, and an
// article's overrides could spoof it); variation selectors and skin-tone
// modifiers; a zero-width joiner between pictographs, whose emoji sequences
// terminals draw as one cluster or as each emoji, two or six cells
// (without it, every terminal draws each emoji in two).
func dropped(rs []rune, i int) bool {
	r := rs[i]
	switch {
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0xfe0e || r == 0xfe0f, r >= 0x1f3fb && r <= 0x1f3ff:
		return true
	case r == zwj:
		return i > 0 && i+1 < len(rs) && pictograph(rs[i-1]) && pictograph(rs[i+1])
	}
	return false
}

func pictograph(r rune) bool {
	return r >= 0x1f000 && r <= 0x1faff || r >= 0x2600 && r <= 0x27bf || r >= 0x1f3fb && r <= 0x1f3ff
}

// Width is the number of cells text takes.
func Width(text []rune) int {
	w := 0
	for _, r := range text {
		w += RuneWidth(r)
	}
	return w
}

// Paragraph wraps one paragraph of spans (no newlines) to width cells and
// returns its lines in drawing order, each padded to exactly width cells:
// right-aligned when the paragraph is right-to-left.
func (l *Layouter) Paragraph(spans []Span, width int, dir Direction, m Mode, paint Painter) []string {
	var text []rune
	var styles []int
	var whole []bool
	for _, s := range spans {
		rs := []rune(s.Text)
		for i, r := range rs {
			switch {
			case r == '\n' || r == '\r' || r == '\t':
				r = ' '
			case r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f:
				r = '\ufffd' // a control never reaches the terminal (callers clean first)
			case dropped(rs, i):
				continue
			}
			if m.StripMarks && isHaraka(r) {
				continue
			}
			text = append(text, r)
			styles = append(styles, s.Style)
			whole = append(whole, s.Isolate)
		}
	}
	if width <= 0 {
		return nil
	}
	if len(text) == 0 {
		return []string{strings.Repeat(" ", width)}
	}
	var p Paragraph
	if m.Reorder {
		if dir == Auto { // the paragraph's own letters decide, not the isolates'
			dir = LTR
			if FirstStrongRTL(text) {
				dir = RTL
			}
		}
		if m.Isolate {
			text, styles = isolate(text, styles, whole)
		}
		p = l.a.Analyze(text, dir)
	} else if m.Embed {
		// Konsole: the analysis gives the levels whose odd runes it will
		// reverse without mirroring.
		if dir == Auto {
			dir = LTR
			if FirstStrongRTL(text) {
				dir = RTL
			}
		}
		text, styles = isolate(text, styles, whole)
		p = l.a.Analyze(text, dir)
	} else {
		p = Paragraph{Text: text, RTL: dir == RTL || dir == Auto && FirstStrongRTL(text)}
	}
	drawn := text
	if m.Shape {
		drawn = Shape(text, false)
	}
	var out []string
	for _, ln := range l.wrap(text, width) {
		out = append(out, l.drawLine(p, drawn, styles, ln[0], ln[1], width, m, paint))
	}
	return out
}

// Wrap splits text into lines of at most width cells at Unicode
// line-break opportunities, in logical order, without drawing them.
func (l *Layouter) Wrap(text string, width int) []string {
	rs := []rune(text)
	var out []string
	for _, ln := range l.wrap(rs, max(width, 1)) {
		out = append(out, strings.TrimRight(string(rs[ln[0]:ln[1]]), " "))
	}
	return out
}

// wrap splits text into lines of at most width cells at Unicode line-break
// opportunities, never inside a word unless the word alone is too wide.
func (l *Layouter) wrap(text []rune, width int) [][2]int {
	var lines [][2]int
	l.seg.Init(text)
	it := l.seg.LineIterator()
	type segment struct {
		s, e      int
		mandatory bool
	}
	var segs []segment
	for it.Next() {
		seg := it.Line()
		s, e := seg.Offset, seg.Offset+len(seg.Text)
		// No break inside a date or a range of numbers (2020-06-30,
		// 1-3): UAX 14 allows one after the hyphen.
		if n := len(segs); n > 0 && !segs[n-1].mandatory && hyphenBetweenDigits(text, segs[n-1].e) {
			segs[n-1].e, segs[n-1].mandatory = e, seg.IsMandatoryBreak
			continue
		}
		segs = append(segs, segment{s, e, seg.IsMandatoryBreak})
	}
	start, w := 0, 0
	for _, seg := range segs {
		s, e := seg.s, seg.e
		sw := Width(trimRight(text[s:e]))
		if w > 0 && w+sw > width {
			lines = append(lines, [2]int{start, s})
			start, w = s, 0
		}
		for sw > width { // a word wider than the line: cut it
			cut, cw := s, 0
			for cut < e && cw+RuneWidth(text[cut]) <= width {
				cw += RuneWidth(text[cut])
				cut++
			}
			for cut < e && isMark(text[cut]) {
				cut++ // keep harakat with their letter
			}
			if cut == s {
				cw = RuneWidth(text[cut])
				cut++
			}
			lines = append(lines, [2]int{start, cut})
			start, s = cut, cut
			sw -= cw // what is left of the word, without a rescan
			if cut >= e {
				sw = 0
			}
		}
		w += Width(text[s:e])
		if seg.mandatory && e < len(text) {
			lines = append(lines, [2]int{start, e})
			start, w = e, 0
		}
	}
	if start < len(text) || len(lines) == 0 {
		lines = append(lines, [2]int{start, len(text)})
	}
	return lines
}

// hyphenBetweenDigits reports whether a segment ending at e ends with a
// hyphen after a digit and the next begins with a digit.
func hyphenBetweenDigits(text []rune, e int) bool {
	digit := func(r rune) bool { return r >= '0' && r <= '9' || r >= '٠' && r <= '٩' }
	return e >= 2 && e < len(text) && text[e-1] == '-' && digit(text[e-2]) && digit(text[e])
}

// kittyWords prepares a line in visual order for kitty, which draws every
// group of non-space cells that holds an Arabic character right to left
// itself: the glyphs of the group in reverse, brackets mirrored, the
// colours staying with their cells. Each such group's characters are
// reversed here (a letter keeps its harakat after it) and mirrored back,
// the styles left where they are, so that kitty's drawing restores the
// visual order with every colour on its character.
func kittyWords(vis []rune) {
	for i := 0; i < len(vis); {
		if unicode.IsSpace(vis[i]) {
			i++
			continue
		}
		j, arabic := i, false
		for j < len(vis) && !unicode.IsSpace(vis[j]) {
			arabic = arabic || unicode.Is(unicode.Arabic, vis[j])
			j++
		}
		if arabic {
			reverseClusters(vis[i:j])
		}
		i = j
	}
}

func isAlef(r rune) bool { return r == 'ا' || r == 'أ' || r == 'إ' || r == 'آ' }

// reverseClusters reverses a group of characters cluster by cluster (a
// character and the zero-width marks after it) and mirrors each.
func reverseClusters(g []rune) {
	out := make([]rune, 0, len(g))
	for end := len(g); end > 0; {
		start := end - 1
		for start > 0 && RuneWidth(g[start]) == 0 {
			start--
		}
		out = append(out, Mirror(g[start]))
		out = append(out, g[start+1:end]...)
		end = start
	}
	copy(g, out)
}

func trimRight(text []rune) []rune {
	for len(text) > 0 && unicode.IsSpace(text[len(text)-1]) {
		text = text[:len(text)-1]
	}
	return text
}

// drawLine reorders text[start:end] (trailing spaces dropped) and pads it.
func (l *Layouter) drawLine(p Paragraph, drawn []rune, styles []int, start, end, width int, m Mode, paint Painter) string {
	for end > start && unicode.IsSpace(p.Text[end-1]) {
		end--
	}
	var order []int
	if m.Reorder {
		order = p.VisualOrder(start, end)
	} else {
		order = make([]int, end-start)
		for i := range order {
			order[i] = start + i
		}
	}
	vis := make([]rune, 0, len(order))
	visStyles := make([]int, 0, len(order))
	used := 0
	put := func(r rune, st int) {
		vis = append(vis, r)
		visStyles = append(visStyles, st)
		used += RuneWidth(r)
	}
	for k, i := range order {
		r := drawn[i]
		if (ourMark(r) || r == '\u200e' || r == '\u200f') && m.Reorder {
			continue // isolates and marks did their work here: sent only to a terminal that reorders
		}
		if (m.Reorder || m.Embed && m.PreMirror) && p.Levels[i]%2 == 1 {
			r = Mirror(r) // L4; for Konsole, which reverses without mirroring
		}
		if used+RuneWidth(r) > width {
			continue // never wider than asked: a wide rune in a narrow line is left out
		}
		if m.Marks && !m.Reorder && !m.Embed && r >= '0' && r <= '9' && (k == 0 || !ltrRunStart(drawn[order[k-1]]) && !joiner(drawn[order[k-1]])) {
			put('\u200e', styles[i])
		}
		put(r, styles[i])
		if m.Embed && r == 'ل' && k+1 < len(order) && isAlef(drawn[order[k+1]]) {
			put(zwj, styles[i])
		}
	}
	if m.Reorder && m.KittyWords {
		kittyWords(vis)
	}
	if m.Embed {
		vis, visStyles = balanceIsolates(vis, visStyles)
	}
	var b strings.Builder
	for k := 0; k < len(vis); {
		st := visStyles[k]
		j := k
		for j < len(vis) && visStyles[j] == st {
			j++
		}
		b.WriteString(paint(st, string(vis[k:j])))
		k = j
	}
	pad := width - used
	if m.Embed && !m.Reorder && p.RTL {
		return strings.Repeat(" ", max(pad, 0)) + "\u2067" + b.String() + "\u2069"
	}
	if !m.Reorder && p.RTL {
		// The terminal reorders: an RLM (zero-width, strongly right-to-left)
		// makes it take the line as a right-to-left paragraph, whatever
		// comes first; its reordering then also moves the text to the right.
		// Some terminals (mlterm) give the RLM a cell: one padding space less.
		return "\u200f" + b.String() + strings.Repeat(" ", max(pad-1, 0))
	}
	if pad <= 0 {
		return b.String()
	}
	// Right-to-left lines are right-aligned, in app mode only: in terminal
	// mode the terminal's own reordering moves the text to the right.
	if p.RTL && m.Reorder {
		return strings.Repeat(" ", pad) + b.String()
	}
	return b.String() + strings.Repeat(" ", pad)
}

// Package rtl is khatt's one bidi step: it turns a line of text in logical
// order into the order a terminal that does no bidi of its own must draw it
// in, with Arabic letters in their joined forms and every rune keeping the
// style it had.
//
// A paragraph is analysed once (Unicode Bidirectional Algorithm, via
// go-text/typesetting), then wrapped in logical order, then each line is
// reordered on its own (rules L1–L4 of UAX #9).
package rtl

import (
	"reflect"
	"unicode"

	gtbidi "github.com/go-text/typesetting/bidi"
	xbidi "golang.org/x/text/unicode/bidi"
)

// Direction is a paragraph's base direction.
type Direction int

// Base directions; Auto takes the direction of the first strong letter.
const (
	Auto Direction = iota
	LTR
	RTL
)

// Paragraph is a paragraph analysed by the bidi algorithm. It holds no
// newline: split text into paragraphs first.
type Paragraph struct {
	Text   []rune
	Levels []int8
	RTL    bool // the base direction
}

// Analyzer runs the bidi algorithm; reuse one to save allocations. It is
// not safe for concurrent use.
type Analyzer struct{ p gtbidi.Paragraph }

// Analyze resolves the embedding level of every rune of text.
func (a *Analyzer) Analyze(text []rune, dir Direction) Paragraph {
	rtl := dir == RTL
	if dir == Auto {
		rtl = FirstStrongRTL(text)
	}
	def := gtbidi.LeftToRight
	if rtl {
		def = gtbidi.RightToLeft
	}
	p := Paragraph{Text: text, Levels: make([]int8, len(text)), RTL: rtl}
	if len(text) == 0 {
		return p
	}
	runs := a.p.Segment(text, def)
	if !exactLevels(runs, p.Levels) {
		// Run boundaries are exact; inside a run only the parity is known.
		for i := 0; i < runs.NumRuns(); i++ {
			r := runs.Run(i)
			for k := r.Start; k < r.End && k < len(p.Levels); k++ {
				p.Levels[k] = int8(r.Level)
			}
		}
	}
	return p
}

// exactLevels copies the per-rune levels go-text resolved. Its public Runs
// merges adjacent runs of one parity, which loses the difference between
// level 0 and level 2 (digits after Arabic in a left-to-right paragraph);
// the resolved levels are in its unexported field, read here without
// writing. The conformance test guards this against library changes.
func exactLevels(runs gtbidi.Runs, out []int8) bool {
	v := reflect.ValueOf(runs).FieldByName("levels")
	if !v.IsValid() || v.Kind() != reflect.Slice || v.Len() != len(out) {
		return false
	}
	for i := range out {
		out[i] = int8(v.Index(i).Int())
	}
	return true
}

// FirstStrongRTL reports whether the first strong letter of text is
// right-to-left (rules P2–P3); text with none is left-to-right.
func FirstStrongRTL(text []rune) bool { return FirstStrong(text) == RTL }

// FirstStrong is the direction of text's first strong letter outside
// isolates (rules P2–P3), or Auto when it has none.
func FirstStrong(text []rune) Direction {
	isolates := 0 // text inside isolates does not count (P2)
	for _, r := range text {
		switch class(r) {
		case xbidi.LRI, xbidi.RLI, xbidi.FSI:
			isolates++
		case xbidi.PDI:
			if isolates > 0 {
				isolates--
			}
		case xbidi.L:
			if isolates == 0 {
				return LTR
			}
		case xbidi.R, xbidi.AL:
			if isolates == 0 {
				return RTL
			}
		}
	}
	return Auto
}

func class(r rune) xbidi.Class {
	p, _ := xbidi.LookupRune(r)
	return p.Class()
}

// VisualOrder returns the logical indices of text[start:end] (one line of
// the paragraph) in the order they are drawn from left to right.
//
// L1: whitespace at the end of the line takes the paragraph level. L2: from
// the highest level down to the lowest odd one, every run at that level or
// above is reversed. L3: combining marks (harakat) stay after the letter
// they sit on, so that a terminal draws them on it.
func (p Paragraph) VisualOrder(start, end int) []int { return p.visualOrder(start, end, true) }

func (p Paragraph) visualOrder(start, end int, l3 bool) []int {
	n := end - start
	if n <= 0 {
		return nil
	}
	base := int8(0)
	if p.RTL {
		base = 1
	}
	levels := make([]int8, n)
	copy(levels, p.Levels[start:end])
	for i := n - 1; i >= 0; i-- { // L1
		c := class(p.Text[start+i])
		if c != xbidi.WS && c != xbidi.FSI && c != xbidi.LRI && c != xbidi.RLI && c != xbidi.PDI && c != xbidi.BN {
			break
		}
		levels[i] = base
	}
	for i, r := range p.Text[start:end] {
		if c := class(r); c == xbidi.S || c == xbidi.B {
			levels[i] = base
			for j := i - 1; j >= 0 && class(p.Text[start+j]) == xbidi.WS; j-- {
				levels[j] = base
			}
		}
	}
	order := make([]int, n)
	var hi, loOdd int8 = 0, 127
	for i := range order {
		order[i] = i
		hi = max(hi, levels[i])
		if levels[i]%2 == 1 {
			loOdd = min(loOdd, levels[i])
		}
	}
	for lvl := hi; lvl >= loOdd && lvl > 0; lvl-- { // L2
		for i := 0; i < n; {
			if levels[order[i]] < lvl {
				i++
				continue
			}
			j := i
			for j < n && levels[order[j]] >= lvl {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				order[a], order[b] = order[b], order[a]
			}
			i = j
		}
	}
	// L3: in a reversed run a letter's marks came out before it.
	for i := 0; l3 && i < n; {
		if !isMark(p.Text[start+order[i]]) || levels[order[i]]%2 == 0 {
			i++
			continue
		}
		j := i
		for j < n && isMark(p.Text[start+order[j]]) {
			j++
		}
		if j < n && order[j] < order[i] {
			base := order[j]
			copy(order[i+1:j+1], order[i:j])
			order[i] = base
			for a, b := i+1, j; a < b; a, b = a+1, b-1 {
				order[a], order[b] = order[b], order[a]
			}
		}
		i = j + 1
	}
	for i := range order {
		order[i] += start
	}
	return order
}

func isMark(r rune) bool { return unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) }

// Mirror returns the mirrored glyph of r (L4), used for runes drawn at an
// odd level: "(" in Arabic text is drawn as ")" so that it opens to the
// right.
func Mirror(r rune) rune {
	if m, ok := mirrors[r]; ok {
		return m
	}
	return r
}

// mirrors holds the Bidi_Mirroring_Glyph pairs that news text uses.
var mirrors = func() map[rune]rune {
	pairs := []rune("()[]{}<>«»‹›⁅⁆⁽⁾₍₎≤≥≦≧≪≫⟨⟩⟪⟫⟦⟧⦃⦄⦅⦆〈〉《》「」『』【】〔〕〖〗〘〙〚〛⸂⸃⸄⸅⸉⸊⸌⸍⸜⸝⸠⸡﴾﴿")
	m := make(map[rune]rune, len(pairs))
	for i := 0; i+1 < len(pairs); i += 2 {
		m[pairs[i]], m[pairs[i+1]] = pairs[i+1], pairs[i]
	}
	return m
}()

package ui

import (
	"fmt"
	"sort"
	"strings"

	"khatt/model"
	"khatt/ui/rtl"
)

// sourcePane shows the article the selected mention comes from, with that
// mention's clause highlighted and every other clause that reports an
// event marked. Its cursor moves between marked clauses.
type sourcePane struct {
	s      *state
	w, h   int
	top    int
	srcID  string
	marks  []markSpan // of the shown source, in text order
	cursor int        // index into marks; -1 follows the mention
	lines  []string
	lineOf map[int]int // mark index → first screen line
	drawnW int
	drawnK string
}

func (p *sourcePane) SetSize(w, h int) { p.w, p.h = w, h }

// source returns the shown source.
func (p *sourcePane) source() *model.Source { return p.s.tl.Source(p.srcID) }

// follow shows the source of the selected mention, with its clause in view.
func (p *sourcePane) follow() {
	m := p.s.currentMention()
	if m == nil {
		return
	}
	if m.Source != p.srcID {
		p.srcID = m.Source
		p.marks = p.s.marked[p.srcID]
	}
	p.cursor = -1
	for k, mk := range p.marks {
		if mk.start == m.Start && mk.end == m.End {
			p.cursor = k
		}
	}
	p.layout()
	p.reveal()
}

// reveal scrolls the cursor's clause into view.
func (p *sourcePane) reveal() {
	if p.cursor < 0 || p.cursor >= len(p.marks) {
		return
	}
	line := p.lineOf[p.cursor]
	if line < p.top || line >= p.top+p.h {
		p.top = max(0, line-p.h/3)
	}
	p.top = max(0, min(p.top, len(p.lines)-p.h))
}

// cursorMark is the mark under the cursor, or nil.
func (p *sourcePane) cursorMark() *markSpan {
	if p.cursor < 0 || p.cursor >= len(p.marks) {
		return nil
	}
	return &p.marks[p.cursor]
}

// move steps the cursor between marked clauses.
func (p *sourcePane) move(delta int) {
	if len(p.marks) == 0 {
		return
	}
	if p.cursor < 0 {
		p.cursor = 0
	} else {
		p.cursor = max(0, min(p.cursor+delta, len(p.marks)-1))
	}
	p.layout()
	p.reveal()
}

// eventsAtCursor returns the events (indices into tl.Events) the cursor's
// clause reports.
func (p *sourcePane) eventsAtCursor() []int {
	mk := p.cursorMark()
	if mk == nil {
		return nil
	}
	evs := append([]int(nil), mk.events...)
	sort.Ints(evs)
	return evs
}

func (p *sourcePane) scroll(delta int) {
	p.top = max(0, min(p.top+delta, len(p.lines)-p.h))
}

// styleAt is the style of byte i of the source: the selected mention first,
// then the cursor's clause, then any marked clause.
func (p *sourcePane) styleAt(i int, m *model.Mention) int {
	if m != nil && m.Source == p.srcID && i >= m.Start && i < m.End {
		return stMention
	}
	if mk := p.cursorMark(); mk != nil && i >= mk.start && i < mk.end {
		return stCursor
	}
	// Marks are sorted by start; a few overlap (a statement and the meeting
	// it was made in), so look at the ones starting at or before i.
	k := sort.Search(len(p.marks), func(k int) bool { return p.marks[k].start > i })
	for j := k - 1; j >= 0 && j >= k-8; j-- {
		if i < p.marks[j].end {
			return stMarked
		}
	}
	return stText
}

// layout draws the source: one paragraph per line of the article.
func (p *sourcePane) layout() {
	src := p.source()
	if src == nil || p.w <= 0 {
		p.lines, p.drawnK = nil, "" // drawn again when it shows
		return
	}
	m := p.s.currentMention()
	key := p.srcID
	if m != nil {
		key += fmt.Sprintf("|%d|%d|%d", m.Start, m.End, p.cursor)
	}
	if p.drawnW == p.w && p.drawnK == key {
		return
	}
	p.drawnW, p.drawnK = p.w, key
	p.lines = p.lines[:0]
	p.lineOf = map[int]int{}
	text, err := p.s.text(src)
	if err != nil {
		p.lines = append(p.lines, p.s.draw.paragraph([]rtl.Span{{Text: err.Error(), Style: stWarn}}, p.w, rtl.Auto, false)...)
		return
	}
	mi := 0
	for off := src.BodyStart; off < len(text); {
		end := strings.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += off
		}
		line := strings.TrimRight(text[off:end], "\r")
		for mi < len(p.marks) && p.marks[mi].start < off+len(line)+1 {
			p.lineOf[mi] = len(p.lines)
			mi++
		}
		if strings.TrimSpace(line) != "" {
			var spans []rtl.Span
			// Style changes only at mark boundaries: cut the line there.
			cuts := []int{off, off + len(line)}
			for _, mk := range p.marks {
				for _, b := range []int{mk.start, mk.end} {
					if b > off && b < off+len(line) {
						cuts = append(cuts, b)
					}
				}
			}
			if m != nil && m.Source == p.srcID {
				for _, b := range []int{m.Start, m.End} {
					if b > off && b < off+len(line) {
						cuts = append(cuts, b)
					}
				}
			}
			sort.Ints(cuts)
			for k := 0; k+1 < len(cuts); k++ {
				a, b := cuts[k], cuts[k+1]
				if a == b {
					continue
				}
				spans = append(spans, rtl.Span{Text: text[a:b], Style: p.styleAt(a, m)})
			}
			p.lines = append(p.lines, p.s.draw.paragraph(spans, p.w, rtl.Auto, false)...)
		}
		off = end + 1
	}
}

func (p *sourcePane) View() []string {
	p.layout()
	out := make([]string, 0, p.h)
	if p.source() == nil {
		out = append(out, p.s.draw.line(dimSpan(p.s.labels.NoSource), p.w, p.s.dir(), false))
	}
	for i := p.top; i < len(p.lines) && len(out) < p.h; i++ {
		out = append(out, p.lines[i])
	}
	for len(out) < p.h {
		out = append(out, blank(p.w))
	}
	return out
}

func dimSpan(s string) []rtl.Span { return []rtl.Span{{Text: s, Style: stDim}} }

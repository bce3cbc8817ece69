package ui

import (
	"fmt"
	"sort"
	"strings"

	"khatt/model"
	"khatt/timeline"
	"khatt/ui/rtl"
)

// sourcePane shows the article the selected mention comes from, with that
// sentence highlighted and every other sentence that reports an event
// marked. Its cursor moves between marked sentences.
type sourcePane struct {
	s       *state
	w, h    int
	top     int
	srcID   string
	sents   []timeline.Sentence // of the shown source
	markedS []int               // indices into sents that report events
	cursor  int                 // index into markedS; -1 follows the mention
	lines   []string
	lineOf  map[int]int // sentence index → first screen line
	drawnW  int
	drawnK  string
}

func (p *sourcePane) SetSize(w, h int) { p.w, p.h = w, h }

// source returns the shown source.
func (p *sourcePane) source() *model.Source { return p.s.tl.Source(p.srcID) }

// follow shows the source of the selected mention, with its sentence in view.
func (p *sourcePane) follow() {
	m := p.s.currentMention()
	if m == nil {
		return
	}
	if m.Source != p.srcID {
		p.srcID = m.Source
		src := p.source()
		p.sents = timeline.Segment(src.Text, src.BodyStart)
		p.markedS = p.markedS[:0]
		for i, sn := range p.sents {
			if len(p.s.marked[p.srcID][sn.Start]) > 0 {
				p.markedS = append(p.markedS, i)
			}
		}
	}
	p.cursor = -1
	for k, si := range p.markedS {
		if p.sents[si].Start == m.Start {
			p.cursor = k
		}
	}
	p.layout()
	p.reveal()
}

// reveal scrolls the cursor's sentence into view.
func (p *sourcePane) reveal() {
	si := p.cursorSentence()
	if si < 0 {
		return
	}
	line := p.lineOf[si]
	if line < p.top || line >= p.top+p.h {
		p.top = max(0, line-p.h/3)
	}
	p.top = max(0, min(p.top, len(p.lines)-p.h))
}

func (p *sourcePane) cursorSentence() int {
	if p.cursor < 0 || p.cursor >= len(p.markedS) {
		return -1
	}
	return p.markedS[p.cursor]
}

// move steps the cursor between marked sentences.
func (p *sourcePane) move(delta int) {
	if len(p.markedS) == 0 {
		return
	}
	if p.cursor < 0 {
		p.cursor = 0
	} else {
		p.cursor = max(0, min(p.cursor+delta, len(p.markedS)-1))
	}
	p.layout()
	p.reveal()
}

// eventsAtCursor returns the events (indices into tl.Events) the cursor's
// sentence reports.
func (p *sourcePane) eventsAtCursor() []int {
	si := p.cursorSentence()
	if si < 0 {
		return nil
	}
	evs := append([]int(nil), p.s.marked[p.srcID][p.sents[si].Start]...)
	sort.Ints(evs)
	return evs
}

func (p *sourcePane) scroll(delta int) {
	p.top = max(0, min(p.top+delta, len(p.lines)-p.h))
}

// layout draws the source: one paragraph per line of the article.
func (p *sourcePane) layout() {
	src := p.source()
	if src == nil || p.w <= 0 {
		p.lines = nil
		return
	}
	m := p.s.currentMention()
	key := p.srcID
	if m != nil {
		key += fmt.Sprintf("|%d|%d", m.Start, p.cursor)
	}
	if p.drawnW == p.w && p.drawnK == key {
		return
	}
	p.drawnW, p.drawnK = p.w, key
	p.lines = p.lines[:0]
	p.lineOf = map[int]int{}
	cur := p.cursorSentence()
	text := src.Text
	si := 0
	for off := src.BodyStart; off < len(text); {
		end := strings.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += off
		}
		var spans []rtl.Span
		pos := off
		first := si
		for si < len(p.sents) && p.sents[si].Start < end {
			sn := p.sents[si]
			if sn.Start > pos {
				spans = append(spans, rtl.Span{Text: text[pos:sn.Start], Style: stText})
			}
			style := stText
			switch {
			case m != nil && sn.Start == m.Start && m.Source == p.srcID:
				style = stMention
			case si == cur:
				style = stCursor
			case len(p.s.marked[p.srcID][sn.Start]) > 0:
				style = stMarked
			}
			spans = append(spans, rtl.Span{Text: text[sn.Start:sn.End], Style: style})
			pos = sn.End
			si++
		}
		if pos < end {
			spans = append(spans, rtl.Span{Text: strings.TrimRight(text[pos:end], "\r"), Style: stText})
		}
		for k := first; k < si; k++ {
			p.lineOf[k] = len(p.lines)
		}
		if strings.TrimSpace(text[off:end]) != "" {
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

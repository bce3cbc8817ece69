package ui

import (
	"fmt"

	"khatt/model"
	"khatt/timeline"
	"khatt/ui/rtl"
)

// timelinePane lists the events, grouped under month and year headings.
type timelinePane struct {
	s    *state
	rows []row
	top  int // first row shown
	w, h int
}

// row is a heading or an event (an index into state.events).
type row struct {
	heading string
	event   int // -1 for a heading
}

func (p *timelinePane) SetSize(w, h int) { p.w, p.h = w, h; p.follow() }

// rebuild makes the rows from the visible events.
func (p *timelinePane) rebuild() {
	p.rows = p.rows[:0]
	last := ""
	for i, ei := range p.s.visible {
		h := p.s.heading(p.s.tl.Events[ei].Date)
		if h != last {
			p.rows = append(p.rows, row{heading: h, event: -1})
			last = h
		}
		p.rows = append(p.rows, row{event: i})
	}
	p.follow()
}

// rowOf returns the row that shows visible event i.
func (p *timelinePane) rowOf(i int) int {
	for r := range p.rows {
		if p.rows[r].event == i {
			return r
		}
	}
	return 0
}

// follow scrolls so that the selected event is in view.
func (p *timelinePane) follow() {
	if p.h <= 0 || len(p.rows) == 0 {
		return
	}
	r := p.rowOf(p.s.sel)
	if r < p.top {
		p.top = r
		if r > 0 && p.rows[r-1].event < 0 {
			p.top = r - 1 // keep the heading with its first event
		}
	}
	if r >= p.top+p.h {
		p.top = r - p.h + 1
	}
	p.top = max(0, min(p.top, len(p.rows)-p.h))
}

// scroll moves the view without moving the selection (mouse wheel).
func (p *timelinePane) scroll(delta int) {
	p.top = max(0, min(p.top+delta, len(p.rows)-p.h))
}

// eventAt returns the visible event on screen row y, if any.
func (p *timelinePane) eventAt(y int) (int, bool) {
	r := p.top + y
	if r < 0 || r >= len(p.rows) || p.rows[r].event < 0 {
		return 0, false
	}
	return p.rows[r].event, true
}

func (p *timelinePane) View() []string {
	out := make([]string, 0, p.h)
	if len(p.rows) == 0 {
		text := p.s.labels.NoEvents
		if p.s.loading {
			text = "…" // the status line says how far the load has come
		}
		out = append(out, p.s.draw.line([]rtl.Span{{Text: text, Style: stDim}}, p.w, p.s.dir(), false))
	}
	for r := p.top; r < len(p.rows) && len(out) < p.h; r++ {
		rw := p.rows[r]
		if rw.event < 0 {
			out = append(out, p.s.draw.line([]rtl.Span{{Text: rw.heading, Style: stHeading}}, p.w, p.s.dir(), false))
			continue
		}
		out = append(out, p.s.draw.line(p.s.eventRow(rw.event), p.w, p.s.dir(), rw.event == p.s.sel))
	}
	for len(out) < p.h {
		out = append(out, blank(p.w))
	}
	return out
}

// eventRow is a timeline row in logical order: date, type, title, the
// number of sources and a mark when they conflict.
func (s *state) eventRow(i int) []rtl.Span {
	e := &s.tl.Events[s.visible[i]]
	date, dateStyle := s.dateCell(e.Date)
	title := timeline.Title(e)
	if e.Planned() {
		title = s.labels.Planned + " · " + title
	}
	spans := []rtl.Span{
		{Text: date, Style: dateStyle},
		{Text: " " + timeline.Glyph(e.Type) + " " + s.labels.Types[e.Type], Style: TypeStyle(e.Type)},
		{Text: " " + title, Style: s.titleStyle(i)},
		{Text: fmt.Sprintf(" [%d]", e.SourceCount()), Style: stDim},
	}
	if len(e.Conflicts) > 0 {
		spans = append(spans, rtl.Span{Text: " ⚠", Style: stConflict})
	}
	return spans
}

func (s *state) titleStyle(i int) int {
	if s.isMatch(i) {
		return stMatch
	}
	return stText
}

// dateCell shows a date at its precision: a month or a year never looks
// like a day ("2021-07 ~", "2021 ~~"); an unresolved date shows its words.
func (s *state) dateCell(d model.Date) (string, int) {
	switch d.Precision {
	case model.Day:
		return d.String(), stDate
	case model.Month:
		return d.String() + " ~", stDateApprox
	case model.Year:
		return d.String() + " ~~", stDateApprox
	}
	if d.Expr != "" {
		return "؟ " + d.Expr, stDateApprox
	}
	return "؟", stDateApprox
}

// heading is the group an event's date falls in.
func (s *state) heading(d model.Date) string {
	switch d.Precision {
	case model.Day, model.Month:
		return s.labels.MonthHeading(d.Start.Year(), d.Start.Month())
	case model.Year:
		return fmt.Sprint(d.Start.Year())
	}
	return s.labels.Undated
}

package ui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"khatt/model"
	"khatt/timeline"
)

// eventPane shows the selected event in full, its Markdown drawn with the
// reader's styles.
type eventPane struct {
	s        *state
	w, h     int
	top      int
	style    string // dark, light, mono or notty
	renderer *lipgloss.Renderer
	cache    map[renderKey][]mdLine
	wanted   renderKey
	seq      int
}

type renderKey struct {
	id    string
	width int
}

// renderedMsg carries the drawn lines back to the update loop.
type renderedMsg struct {
	key   renderKey
	seq   int
	lines []mdLine
	err   error
}

func (p *eventPane) SetSize(w, h int) { p.w, p.h = w, h }

// request asks for the selected event to be rendered at the pane's width,
// off the update loop; answers to older requests are dropped.
func (p *eventPane) request() tea.Cmd {
	e := p.s.event()
	if e == nil || p.w <= 2 {
		return nil
	}
	key := renderKey{e.ID + fmt.Sprint(p.s.mention), p.w}
	if _, ok := p.cache[key]; ok || key == p.wanted {
		p.wanted = key
		return nil
	}
	p.wanted = key
	p.seq++
	seq, md, style, width, dir := p.seq, p.s.markdown(e, p.w), p.style, p.w, p.s.dir()
	st := newMDStyles(p.renderer, style)
	return func() tea.Msg {
		return renderedMsg{key: key, seq: seq, lines: renderMarkdown(md, width-2, st, dir)}
	}
}

// rendered stores the drawn lines.
func (p *eventPane) rendered(msg renderedMsg) {
	if msg.err != nil {
		msg.lines = []mdLine{{msg.err.Error(), p.s.dir()}}
	}
	if p.cache == nil {
		p.cache = map[renderKey][]mdLine{}
	}
	p.cache[msg.key] = msg.lines
	if msg.key == p.wanted {
		p.top = 0
	}
}

func (p *eventPane) scroll(delta int) {
	lines := p.cache[p.wanted]
	p.top = max(0, min(p.top+delta, len(lines)-p.h))
}

func (p *eventPane) View() []string {
	out := make([]string, 0, p.h)
	lines, ok := p.cache[p.wanted]
	switch {
	case p.s.event() == nil:
		out = append(out, p.s.draw.line(dimSpan(p.s.labels.NoSelection), p.w, p.s.dir(), false))
	case !ok:
		out = append(out, p.s.draw.line(dimSpan("…"), p.w, p.s.dir(), false))
	default:
		for i := p.top; i < len(lines) && len(out) < p.h; i++ {
			for _, l := range p.s.draw.ansi(lines[i].text, p.w, lines[i].dir) {
				if len(out) < p.h {
					out = append(out, l)
				}
			}
		}
	}
	for len(out) < p.h {
		out = append(out, blank(p.w))
	}
	return out
}

// markdown writes an event as Markdown, with the current mention marked
// and quotes wrapped to the pane.
func (s *state) markdown(e *model.Event, width int) string {
	var b strings.Builder
	// Quotes are wrapped here, in logical order, by the bidi layouter.
	wrap := func(t string) []string { return s.draw.l.Wrap(t, width-10) }
	timeline.WriteEvent(&b, s.tl, e, s.labels, timeline.EventMarkdown{Level: 1, Current: s.mention, Wrap: wrap})
	return b.String()
}

package ui

import (
	"sort"
	"strings"

	"khatt/lexicon"
	"khatt/model"
	"khatt/timeline"
	"khatt/ui/rtl"
)

// state is what the panes share: the timeline, what is shown of it, and the
// selection.
type state struct {
	tl      *model.Timeline
	labels  Labels
	styles  Styles
	draw    *drawer
	visible []int // indices into tl.Events that pass the filter
	sel     int   // the selected event, an index into visible
	mention int   // the selected mention of the selected event
	filter  Filter
	query   string
	matches []int // indices into visible whose text has the query
	match   map[int]bool
	folded  []string // per event, its searchable text folded, made on first use
	lexicon *lexicon.Lexicon
	marked  map[string][]markSpan
	loading bool         // the corpus is still loading
	texts   []sourceText // the texts read again lately
}

// markSpan is a span of a source that reports events: a mention's clause.
type markSpan struct {
	start, end int
	events     []int // indices into tl.Events
}

func newState(tl *model.Timeline, l Labels, st Styles, mode rtl.Mode, lx *lexicon.Lexicon) *state {
	s := &state{tl: tl, labels: l, styles: st, draw: newDrawer(mode, st), match: map[int]bool{}}
	s.folded = make([]string, len(tl.Events))
	s.lexicon = lx
	s.marked = map[string][]markSpan{}
	at := map[string]map[[2]int]int{}
	for i := range tl.Events {
		e := &tl.Events[i]
		for _, m := range e.Mentions {
			if at[m.Source] == nil {
				at[m.Source] = map[[2]int]int{}
			}
			k := [2]int{m.Start, m.End}
			j, ok := at[m.Source][k]
			if !ok {
				j = len(s.marked[m.Source])
				at[m.Source][k] = j
				s.marked[m.Source] = append(s.marked[m.Source], markSpan{start: m.Start, end: m.End})
			}
			if evs := s.marked[m.Source][j].events; len(evs) == 0 || evs[len(evs)-1] != i {
				s.marked[m.Source][j].events = append(evs, i)
			}
		}
	}
	for id := range s.marked {
		sort.Slice(s.marked[id], func(a, b int) bool {
			x, y := s.marked[id][a], s.marked[id][b]
			if x.start != y.start {
				return x.start < y.start
			}
			return x.end < y.end
		})
	}
	s.applyFilter()
	return s
}

// dir is the base direction of interface text.
func (s *state) dir() rtl.Direction {
	if s.labels.RTL {
		return rtl.RTL
	}
	return rtl.LTR
}

// event is the selected event, or nil.
func (s *state) event() *model.Event {
	if s.sel < 0 || s.sel >= len(s.visible) {
		return nil
	}
	return &s.tl.Events[s.visible[s.sel]]
}

// currentMention is the selected mention, or nil.
func (s *state) currentMention() *model.Mention {
	e := s.event()
	if e == nil || len(e.Mentions) == 0 {
		return nil
	}
	return &e.Mentions[min(s.mention, len(e.Mentions)-1)]
}

// selectEvent selects the event with index ev in tl.Events, if visible.
func (s *state) selectEvent(ev int) bool {
	for i, v := range s.visible {
		if v == ev {
			s.sel, s.mention = i, 0
			return true
		}
	}
	return false
}

// foldedText is an event's searchable text, folded: made when a search or
// a query first needs it (a timeline shown while loading is replaced
// often, and most are never searched).
func (s *state) foldedText(i int) string {
	if s.folded[i] == "" {
		s.folded[i] = timeline.SearchText(&s.tl.Events[i], s.lexicon)
	}
	return s.folded[i]
}

// applyFilter recomputes the visible events, keeping the selection if it
// is still visible.
func (s *state) applyFilter() {
	keep := -1
	if e := s.event(); e != nil {
		keep = s.visible[s.sel]
	}
	s.visible = s.visible[:0]
	for i := range s.tl.Events {
		folded := ""
		if s.filter.Query != "" {
			folded = s.foldedText(i)
		}
		if s.filter.MatchFolded(&s.tl.Events[i], folded) {
			s.visible = append(s.visible, i)
		}
	}
	s.sel = 0
	if keep >= 0 {
		s.selectEvent(keep)
	}
	s.search(s.query)
}

// search marks the visible events whose text holds the query, after Arabic
// folding: قاآني finds قآاني, قآني and إسماعيل قاآني; Latin works too.
func (s *state) search(q string) {
	s.query = q
	s.matches = s.matches[:0]
	s.match = map[int]bool{}
	f := timeline.Fold(q)
	if f == "" {
		return
	}
	for i, ev := range s.visible {
		if strings.Contains(s.foldedText(ev), f) {
			s.matches = append(s.matches, i)
			s.match[i] = true
		}
	}
}

func (s *state) isMatch(i int) bool { return s.match[i] }

// seekMatch selects the first match at or after the selection (wrapping),
// as a search being typed does; it reports whether the selection moved.
func (s *state) seekMatch() bool {
	if len(s.matches) == 0 || s.match[s.sel] {
		return false
	}
	to := s.matches[0]
	for _, m := range s.matches {
		if m >= s.sel {
			to = m
			break
		}
	}
	s.sel, s.mention = to, 0
	return true
}

// nextMatch moves the selection to the next (dir 1) or previous (-1) match.
func (s *state) nextMatch(dir int) bool {
	if len(s.matches) == 0 {
		return false
	}
	if dir > 0 {
		for _, m := range s.matches {
			if m > s.sel {
				s.sel, s.mention = m, 0
				return true
			}
		}
		s.sel, s.mention = s.matches[0], 0
		return true
	}
	for k := len(s.matches) - 1; k >= 0; k-- {
		if s.matches[k] < s.sel {
			s.sel, s.mention = s.matches[k], 0
			return true
		}
	}
	s.sel, s.mention = s.matches[len(s.matches)-1], 0
	return true
}

// Chips are the filter's parts for the status line.
func Chips(f Filter, l Labels) []string {
	f.MinConfidence = timeline.DefaultMinConfidence // the session's threshold is not a chip
	return timeline.FilterSummary(f, l)
}

// Filter is the timeline's event filter, shared with the commands.
type Filter = timeline.Filter

// ParseFilter reads the filter line typed after f.
var ParseFilter = timeline.ParseFilter

// text returns a source's text, read again from its file when the load did
// not keep it; the last few read are kept.
func (s *state) text(src *model.Source) (string, error) {
	if src.Text != "" {
		return src.Text, nil
	}
	for _, t := range s.texts {
		if t.id == src.ID {
			return t.text, nil
		}
	}
	text, err := s.tl.SourceText(src)
	if err != nil {
		return "", err
	}
	s.texts = append(s.texts, sourceText{src.ID, text})
	if len(s.texts) > 8 {
		s.texts = s.texts[1:]
	}
	return text, nil
}

type sourceText struct{ id, text string }

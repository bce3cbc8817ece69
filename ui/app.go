// Package ui is khatt's terminal reader: the timeline, the event and the
// source in panes laid out right to left, drawn through one bidi step
// (package rtl) so that Arabic reads right in terminals that do no bidi of
// their own.
package ui

import (
	"errors"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"strings"

	"khatt/model"
	"khatt/safe"
	"khatt/timeline"
	"khatt/ui/rtl"
)

// MaxWidth and MaxHeight bound the frame whatever size the terminal claims.
const MaxWidth, MaxHeight = 1000, 500

// Options configure the reader.
type Options struct {
	Labels       Labels
	Bidi         Bidi
	Renderer     *lipgloss.Renderer // nil: the default one
	NoColor      bool
	GlamourStyle string // the event pane's style: dark, light, mono or notty; "" follows the renderer
	Corpus       string // what was loaded, for the status line
	Filter       Filter // applied at start
	// Reload, when set, returns the current timeline (the server reloads
	// its corpus); the reload key switches to it.
	Reload func() *model.Timeline
	// Loading starts the reader before its corpus is loaded: the status
	// line shows the progress (LoadingMsg) until the timeline comes
	// (LoadedMsg).
	Loading bool
}

// LoadingMsg says where the load of the corpus stands; the status line
// shows it until LoadedMsg.
type LoadingMsg timeline.Progress

// PartialMsg brings the events ready so far while the corpus loads (each
// article's, not yet merged across articles).
type PartialMsg struct{ Timeline *model.Timeline }

// LoadedMsg brings the timeline once the corpus is loaded.
type LoadedMsg struct {
	Timeline *model.Timeline
	Updated  bool // loaded again after the corpus changed on disk
}

// RepaintMsg makes the reader clear the screen and draw its whole frame
// again (the terminal behind tmux was cleared, see Output).
type RepaintMsg struct{}

// NoticeMsg shows a one-line message in the status line (the server says
// a new corpus is ready, or that it is shutting down).
type NoticeMsg string

type inputKind int

const (
	noInput inputKind = iota
	searchInput
	filterInput
)

// Model is the root model: it handles window size and global keys and
// hands the rest to the focused pane.
type Model struct {
	s        *state
	keys     KeyMap
	opts     Options
	width    int
	height   int
	layout   Layout
	focus    PaneID
	second   PaneID // the pane beside the timeline when only two fit
	timeline *timelinePane
	event    *eventPane
	source   *sourcePane
	input    inputKind
	buf      []rune
	cur      int    // the cursor in buf: the index of the rune it stands before
	message  string // one-off feedback in the status line
	help     bool
	helpTop  int // the first line of the help overlay shown
	problems bool
	clip     string             // text to put on the clipboard with the next frame
	loading  *timeline.Progress // while the corpus loads
}

// New builds the reader over a loaded timeline.
func New(tl *model.Timeline, o Options) *Model {
	if o.Renderer == nil {
		o.Renderer = lipgloss.DefaultRenderer()
	}
	if o.GlamourStyle == "" || o.NoColor && o.GlamourStyle != "notty" {
		o.GlamourStyle = MarkdownStyle(o.Renderer, o.NoColor)
	}
	if o.Bidi.Mode == "" {
		o.Bidi = Bidi{Mode: "app", Shape: true}
	}
	st := NewStyles(o.Renderer, o.NoColor)
	s := newState(tl, o.Labels, st, o.Bidi.RTLMode(), o.Filter.Lexicon)
	s.filter = o.Filter
	s.applyFilter()
	m := &Model{s: s, keys: DefaultKeyMap(o.Labels), opts: o, focus: TimelinePane, second: EventPane}
	if o.Loading {
		m.loading = &timeline.Progress{Phase: "scan"}
		s.loading = true
	}
	m.timeline = &timelinePane{s: s}
	m.event = &eventPane{s: s, style: o.GlamourStyle, renderer: o.Renderer}
	m.source = &sourcePane{s: s}
	m.timeline.rebuild()
	m.source.follow()
	return m
}

// Init asks for the first event to be rendered.
func (m *Model) Init() tea.Cmd { return nil }

// Update handles a message.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		// A client may claim any size; a frame is width × height cells.
		msg.Width, msg.Height = min(msg.Width, MaxWidth), min(msg.Height, MaxHeight)
		m.resize(msg.Width, msg.Height)
		return m, m.event.request()
	case NoticeMsg:
		m.message = string(msg)
		return m, nil
	case RepaintMsg:
		return m, tea.ClearScreen
	case LoadingMsg:
		p := timeline.Progress(msg)
		m.loading = &p
		return m, nil
	case PartialMsg:
		// What is ready while the rest loads: shown, the selection kept,
		// the progress still in the status line.
		if m.loading == nil {
			return m, nil // the whole timeline came first
		}
		cmd := m.setTimeline(msg.Timeline, "")
		m.s.loading = true
		return m, cmd
	case LoadedMsg:
		m.loading = nil
		note := ""
		if msg.Updated {
			note = m.s.labels.CorpusChanged
		}
		return m, m.setTimeline(msg.Timeline, note)
	case renderedMsg:
		if msg.seq == m.event.seq || msg.key == m.event.wanted {
			m.event.rendered(msg)
		}
		return m, nil
	case tea.MouseMsg:
		return m, m.mouse(msg)
	case tea.KeyMsg:
		m.message = ""
		m.syncKeys()
		if m.input != noInput {
			return m, m.editInput(msg)
		}
		msg = latinKey(msg)
		if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste {
			// Keys typed quickly can arrive in one read ("/q"): each is a key.
			var cmds []tea.Cmd
			for i, r := range msg.Runes {
				_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt})
				cmds = append(cmds, cmd)
				if m.input != noInput && i+1 < len(msg.Runes) {
					m.buf = append(m.buf, msg.Runes[i+1:]...)
					m.cur = len(m.buf)
					if m.input == searchInput {
						m.s.search(string(m.buf))
					}
					break
				}
			}
			return m, tea.Batch(cmds...)
		}
		return m, m.key(msg)
	}
	return m, nil
}

func (m *Model) resize(w, h int) {
	m.width, m.height = w, h
	m.relayout()
}

// relayout places the panes for the window and the focus.
func (m *Model) relayout() {
	single := m.opts.Bidi.Mode == "terminal" && !m.opts.Bidi.Isolates // isolates keep the panes of a row apart
	m.layout = Arrange(m.width, m.height-2, m.focus, m.second, single)
	for _, p := range []PaneID{TimelinePane, EventPane, SourcePane} {
		r, ok := m.layout.Rects[p]
		w, h := 0, 0
		if ok {
			w, h = r.W-2, r.H-2
		}
		switch p {
		case TimelinePane:
			m.timeline.SetSize(w, h)
		case EventPane:
			m.event.SetSize(w, h)
		case SourcePane:
			m.source.SetSize(w, h)
			m.source.layout()
			m.source.reveal()
		}
	}
}

// setFocus moves the focus; a pane that is off screen comes on.
func (m *Model) setFocus(p PaneID) {
	m.focus = p
	if p != TimelinePane {
		m.second = p
	}
	m.relayout()
}

// selectionChanged follows a new selection in the other panes.
func (m *Model) selectionChanged() tea.Cmd {
	m.timeline.follow()
	m.source.follow()
	return m.event.request()
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.Quit):
		return tea.Quit
	case key.Matches(msg, k.Reload) && m.opts.Reload != nil:
		return m.reload()
	case key.Matches(msg, k.Help):
		m.help, m.problems, m.helpTop = !m.help, false, 0
		return nil
	case m.help && (key.Matches(msg, k.Up) || key.Matches(msg, k.Down) || key.Matches(msg, k.PageUp) ||
		key.Matches(msg, k.PageDown) || key.Matches(msg, k.Top) || key.Matches(msg, k.Bottom)):
		// The overlay scrolls when the window is too small for it.
		switch {
		case key.Matches(msg, k.Up):
			m.helpTop--
		case key.Matches(msg, k.Down):
			m.helpTop++
		case key.Matches(msg, k.PageUp):
			m.helpTop -= m.height / 2
		case key.Matches(msg, k.PageDown):
			m.helpTop += m.height / 2
		case key.Matches(msg, k.Top):
			m.helpTop = 0
		default:
			m.helpTop = 1 << 20
		}
		m.helpTop = max(m.helpTop, 0)
		return nil
	case key.Matches(msg, k.Copy):
		// The screen holds text in drawing order, shaped: copying cells gives
		// reversed presentation forms. y copies the sentence as written.
		if mm := m.s.currentMention(); mm != nil {
			m.clip = mm.Sentence
			m.message = m.s.labels.Copied
		}
		return nil
	case key.Matches(msg, k.Problems):
		m.problems, m.help = !m.problems, false
		return nil
	case key.Matches(msg, k.Clear):
		if m.help || m.problems {
			m.help, m.problems = false, false
			return nil
		}
		m.s.filter = Filter{MinConfidence: m.opts.Filter.MinConfidence}
		m.s.search("")
		m.s.applyFilter()
		m.timeline.rebuild()
		return m.selectionChanged()
	case key.Matches(msg, k.NextPane):
		m.setFocus((m.focus + 1) % 3)
		return m.event.request()
	case key.Matches(msg, k.PrevPane):
		m.setFocus((m.focus + 2) % 3)
		return m.event.request()
	case key.Matches(msg, k.Left):
		m.setFocus(Onward(m.focus))
		return m.event.request()
	case key.Matches(msg, k.Right):
		m.setFocus(Back(m.focus))
		return m.event.request()
	case key.Matches(msg, k.Search):
		m.input, m.buf = searchInput, []rune(m.s.query)
		m.cur = len(m.buf)
		return nil
	case key.Matches(msg, k.Filter):
		m.input, m.buf, m.cur = filterInput, nil, 0
		return nil
	case key.Matches(msg, k.NextMatch), key.Matches(msg, k.PrevMatch):
		dir := 1
		if key.Matches(msg, k.PrevMatch) {
			dir = -1
		}
		if !m.s.nextMatch(dir) {
			m.message = m.s.labels.NoMatch
			return nil
		}
		return m.selectionChanged()
	case key.Matches(msg, k.NextMention), key.Matches(msg, k.PrevMention):
		return m.stepMention(key.Matches(msg, k.NextMention))
	}
	switch m.focus {
	case TimelinePane:
		return m.timelineKey(msg)
	case EventPane:
		return m.eventKey(msg)
	}
	return m.sourceKey(msg)
}

// reload switches to the server's current timeline, keeping the selected
// event if it is still there.
func (m *Model) reload() tea.Cmd {
	tl := m.opts.Reload()
	if tl == nil || tl == m.s.tl {
		m.message = m.s.labels.UpToDate
		return nil
	}
	return m.setTimeline(tl, m.s.labels.Reloaded)
}

// setTimeline shows another timeline, keeping the selected event if it is
// still there, and says message.
func (m *Model) setTimeline(tl *model.Timeline, message string) tea.Cmd {
	keep := ""
	if e := m.s.event(); e != nil {
		keep = e.ID
	}
	s := newState(tl, m.s.labels, m.s.styles, m.opts.Bidi.RTLMode(), m.opts.Filter.Lexicon)
	s.filter = m.s.filter
	s.applyFilter()
	for i, e := range tl.Events {
		if e.ID == keep {
			s.selectEvent(i)
		}
	}
	if m.s.query != "" {
		s.search(m.s.query) // the search stays, its matches found again
	}
	m.s = s
	m.timeline = &timelinePane{s: s}
	m.event = &eventPane{s: s, style: m.opts.GlamourStyle, renderer: m.opts.Renderer}
	m.source = &sourcePane{s: s}
	m.timeline.rebuild()
	m.relayout()
	m.message = message
	return tea.Batch(m.selectionChanged(), m.event.request())
}

// stepMention moves through the selected event's mentions, across sources;
// the source pane follows.
func (m *Model) stepMention(next bool) tea.Cmd {
	e := m.s.event()
	if e == nil || len(e.Mentions) == 0 {
		return nil
	}
	if next {
		m.s.mention = (m.s.mention + 1) % len(e.Mentions)
	} else {
		m.s.mention = (m.s.mention + len(e.Mentions) - 1) % len(e.Mentions)
	}
	m.source.follow()
	return m.event.request()
}

func (m *Model) timelineKey(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	n := len(m.s.visible)
	if n == 0 {
		return nil
	}
	old := m.s.sel
	page := max(1, m.timeline.h-1)
	switch {
	case key.Matches(msg, k.Up):
		m.s.sel = max(0, m.s.sel-1)
	case key.Matches(msg, k.Down):
		m.s.sel = min(n-1, m.s.sel+1)
	case key.Matches(msg, k.Top):
		m.s.sel = 0
	case key.Matches(msg, k.Bottom):
		m.s.sel = n - 1
	case key.Matches(msg, k.PageUp):
		m.s.sel = max(0, m.s.sel-page)
	case key.Matches(msg, k.PageDown):
		m.s.sel = min(n-1, m.s.sel+page)
	case key.Matches(msg, k.Open):
		// Enter opens the event's first mention in the source pane.
		m.s.mention = 0
		m.setFocus(SourcePane)
		return m.selectionChanged()
	default:
		return nil
	}
	if m.s.sel != old {
		m.s.mention = 0
		return m.selectionChanged()
	}
	return nil
}

// scroller is a pane that scrolls by lines.
type scroller interface {
	scroll(delta int)
	height() int
}

func (p *eventPane) height() int  { return p.h }
func (p *sourcePane) height() int { return p.h }

// pageKeys handles the paging keys of a scrolling pane.
func (m *Model) pageKeys(msg tea.KeyMsg, p scroller) bool {
	k := m.keys
	switch {
	case key.Matches(msg, k.PageUp):
		p.scroll(-p.height())
	case key.Matches(msg, k.PageDown):
		p.scroll(p.height())
	case key.Matches(msg, k.Top):
		p.scroll(-1 << 20)
	case key.Matches(msg, k.Bottom):
		p.scroll(1 << 20)
	default:
		return false
	}
	return true
}

func (m *Model) eventKey(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	switch {
	case m.pageKeys(msg, m.event):
	case key.Matches(msg, k.Up):
		m.event.scroll(-1)
	case key.Matches(msg, k.Down):
		m.event.scroll(1)
	case key.Matches(msg, k.Open):
		m.setFocus(SourcePane)
	}
	return nil
}

func (m *Model) sourceKey(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	switch {
	case m.pageKeys(msg, m.source):
	case key.Matches(msg, k.Up):
		m.source.move(-1)
	case key.Matches(msg, k.Down):
		m.source.move(1)
	case key.Matches(msg, k.Open):
		// Enter on a marked sentence jumps to the event it reports.
		evs := m.source.eventsAtCursor()
		if len(evs) == 0 {
			return nil
		}
		target := evs[0]
		if cur := m.s.event(); cur != nil {
			for i, ev := range evs {
				if &m.s.tl.Events[ev] == cur && i+1 < len(evs) {
					target = evs[i+1] // a second Enter goes to the next event of the sentence
				}
			}
		}
		if !m.s.selectEvent(target) {
			m.s.filter = Filter{MinConfidence: m.opts.Filter.MinConfidence}
			m.s.applyFilter()
			m.timeline.rebuild()
			m.s.selectEvent(target)
		}
		src, mk := m.source.srcID, m.source.cursorMark()
		for i, mm := range m.s.tl.Events[target].Mentions {
			if mk != nil && mm.Source == src && mm.Start == mk.start && mm.End == mk.end {
				m.s.mention = i
			}
		}
		m.setFocus(TimelinePane)
		return m.selectionChanged()
	}
	return nil
}

// editInput edits the search or filter line. A focused text line gets
// keys first, so typing q types q.
func (m *Model) editInput(msg tea.KeyMsg) tea.Cmd {
	switch msg.Type {
	case tea.KeyEsc:
		if m.input == searchInput {
			m.s.search("")
		}
		m.input = noInput
		return nil
	case tea.KeyEnter:
		kind := m.input
		m.input = noInput
		if kind == filterInput {
			f, err := ParseFilter(string(m.buf))
			if err != nil {
				var fe *timeline.FilterError
				if errors.As(err, &fe) {
					m.message = m.s.labels.BadFilter(safe.Line(fe.Key, 30), safe.Line(fe.Value, 30), fe.Want)
				} else {
					m.message = safe.Line(err.Error(), 200)
				}
				return nil
			}
			f.Lexicon = m.opts.Filter.Lexicon
			if !strings.Contains(string(m.buf), "confidence:") && !strings.Contains(string(m.buf), "ثقة:") {
				f.MinConfidence = m.opts.Filter.MinConfidence // the session's threshold stays
			}
			m.s.filter = f
			m.s.applyFilter()
			m.timeline.rebuild()
			return m.selectionChanged()
		}
		// The match shown while typing is the one Enter lands on.
		if len(m.s.matches) == 0 {
			m.message = m.s.labels.NoMatch
			return nil
		}
		if m.s.seekMatch() {
			return m.selectionChanged()
		}
		return nil
	case tea.KeyBackspace:
		if m.cur > 0 {
			m.buf = append(m.buf[:m.cur-1], m.buf[m.cur:]...)
			m.cur--
		}
	case tea.KeyDelete, tea.KeyCtrlD:
		if m.cur < len(m.buf) {
			m.buf = append(m.buf[:m.cur], m.buf[m.cur+1:]...)
		}
	case tea.KeyCtrlU:
		m.buf, m.cur = append([]rune{}, m.buf[m.cur:]...), 0
	case tea.KeyCtrlW:
		i := m.cur
		for i > 0 && m.buf[i-1] == ' ' {
			i--
		}
		for i > 0 && m.buf[i-1] != ' ' {
			i--
		}
		m.buf, m.cur = append(m.buf[:i], m.buf[m.cur:]...), i
	case tea.KeyLeft, tea.KeyRight:
		// The arrows move the cursor the way they point on the screen:
		// in right-to-left text, left is forward.
		step := 1
		if (msg.Type == tea.KeyLeft) != m.inputRTL() {
			step = -1
		}
		m.cur = max(0, min(len(m.buf), m.cur+step))
		return nil
	case tea.KeyHome, tea.KeyCtrlA:
		m.cur = 0
		return nil
	case tea.KeyEnd, tea.KeyCtrlE:
		m.cur = len(m.buf)
		return nil
	case tea.KeySpace:
		m.insert(' ')
	case tea.KeyRunes:
		m.insert(msg.Runes...)
	default:
		return nil
	}
	if m.input == searchInput {
		m.s.search(string(m.buf))
		if m.s.seekMatch() {
			return m.selectionChanged()
		}
	}
	return nil
}

// insert types runes at the cursor; controls in a paste become spaces.
func (m *Model) insert(rs ...rune) {
	clean := make([]rune, 0, len(rs))
	for _, r := range rs {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 {
			r = ' '
		}
		clean = append(clean, r)
	}
	m.cur = max(0, min(m.cur, len(m.buf)))
	m.buf = append(m.buf[:m.cur], append(clean, m.buf[m.cur:]...)...)
	m.cur += len(clean)
}

// inputRTL reports whether the line being typed runs right to left: its
// first letter's direction, or the interface's while it has none.
func (m *Model) inputRTL() bool {
	switch rtl.FirstStrong(m.buf) {
	case rtl.RTL:
		return true
	case rtl.LTR:
		return false
	}
	return m.s.labels.RTL
}

// mouse: the wheel scrolls the pane under the pointer; a click focuses it
// and, in the timeline, selects the row.
func (m *Model) mouse(msg tea.MouseMsg) tea.Cmd {
	p, ok := m.layout.At(msg.X, msg.Y)
	if !ok {
		return nil
	}
	wheel := 0
	switch msg.Button {
	case tea.MouseButtonWheelUp:
		wheel = -3
	case tea.MouseButtonWheelDown:
		wheel = 3
	}
	if wheel != 0 {
		switch p {
		case TimelinePane:
			m.timeline.scroll(wheel)
		case EventPane:
			m.event.scroll(wheel)
		case SourcePane:
			m.source.scroll(wheel)
		}
		return nil
	}
	if msg.Action != tea.MouseActionPress || msg.Button != tea.MouseButtonLeft {
		return nil
	}
	if m.focus != p {
		m.setFocus(p)
	}
	if p == TimelinePane {
		r := m.layout.Rects[p]
		if i, ok := m.timeline.eventAt(msg.Y - r.Y - 1); ok && i != m.s.sel {
			m.s.sel, m.s.mention = i, 0
			return m.selectionChanged()
		}
	}
	return m.event.request()
}

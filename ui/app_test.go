package ui

import (
	"encoding/base64"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"khatt/model"
	"khatt/seeds"
	"khatt/timeline"
	"khatt/ui/rtl"
)

var seedTL = timeline.LoadTimeline([]timeline.Root{{FS: seeds.FS, Path: "."}}, timeline.DefaultLexicon())

func asciiRenderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(nil)
	r.SetColorProfile(termenv.Ascii)
	r.SetHasDarkBackground(true)
	return r
}

// newTest builds a reader on the seeds at a size, with glamour's output
// already in (as the update loop would have it).
func newTest(t testing.TB, w, h int, labels Labels) *Model {
	t.Helper()
	m := New(seedTL, Options{Labels: labels, Bidi: Bidi{Mode: "app", Shape: true}, Renderer: asciiRenderer(), GlamourStyle: "notty"})
	send(m, tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// send delivers a message and runs the commands it returns, as the
// program would (glamour renders in a command).
func send(m *Model, msg tea.Msg) {
	_, cmd := m.Update(msg)
	for cmd != nil {
		out := cmd()
		if out == nil {
			return
		}
		if _, ok := out.(tea.QuitMsg); ok {
			return
		}
		_, cmd = m.Update(out)
	}
}

func keys(m *Model, ks ...string) {
	for _, k := range ks {
		var msg tea.KeyMsg
		switch k {
		case "down":
			msg = tea.KeyMsg{Type: tea.KeyDown}
		case "up":
			msg = tea.KeyMsg{Type: tea.KeyUp}
		case "left":
			msg = tea.KeyMsg{Type: tea.KeyLeft}
		case "right":
			msg = tea.KeyMsg{Type: tea.KeyRight}
		case "tab":
			msg = tea.KeyMsg{Type: tea.KeyTab}
		case "shift+tab":
			msg = tea.KeyMsg{Type: tea.KeyShiftTab}
		case "enter":
			msg = tea.KeyMsg{Type: tea.KeyEnter}
		case "esc":
			msg = tea.KeyMsg{Type: tea.KeyEsc}
		case "backspace":
			msg = tea.KeyMsg{Type: tea.KeyBackspace}
		case "space":
			msg = tea.KeyMsg{Type: tea.KeySpace}
		case "home":
			msg = tea.KeyMsg{Type: tea.KeyHome}
		case "end":
			msg = tea.KeyMsg{Type: tea.KeyEnd}
		case "delete":
			msg = tea.KeyMsg{Type: tea.KeyDelete}
		default:
			msg = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
		}
		send(m, msg)
	}
}

func typeText(m *Model, s string) {
	for _, r := range s {
		if r == ' ' {
			keys(m, "space")
			continue
		}
		keys(m, string(r))
	}
}

func TestNavigation(t *testing.T) {
	m := newTest(t, 160, 45, Arabic)
	n := len(m.s.visible)
	keys(m, "j", "j", "down")
	if m.s.sel != 3 {
		t.Errorf("after j j ↓: sel %d", m.s.sel)
	}
	keys(m, "k")
	if m.s.sel != 2 {
		t.Errorf("after k: sel %d", m.s.sel)
	}
	keys(m, "G")
	if m.s.sel != n-1 {
		t.Errorf("G: sel %d of %d", m.s.sel, n)
	}
	keys(m, "g")
	if m.s.sel != 0 {
		t.Errorf("g: sel %d", m.s.sel)
	}
	keys(m, "pgdown" /* not a rune key */)
	keys(m, "tab")
	if m.focus != EventPane {
		t.Errorf("tab: focus %d", m.focus)
	}
	keys(m, "shift+tab", "shift+tab")
	if m.focus != SourcePane {
		t.Errorf("shift+tab twice: focus %d", m.focus)
	}
	keys(m, "right")
	if m.focus != EventPane {
		t.Errorf("→ from the source goes back to the event: focus %d", m.focus)
	}
	keys(m, "h")
	if m.focus != SourcePane {
		t.Errorf("h (←) goes onward, to the left: focus %d", m.focus)
	}
}

func TestEnterOpensTheFirstMentionAndBracketsStep(t *testing.T) {
	m := newTest(t, 160, 45, Arabic)
	// Select the event with the most sources.
	best := 0
	for i, ev := range m.s.visible {
		if m.s.tl.Events[ev].SourceCount() > m.s.tl.Events[m.s.visible[best]].SourceCount() {
			best = i
		}
	}
	m.s.sel = best
	keys(m, "enter")
	e := m.s.event()
	if m.focus != SourcePane || m.s.mention != 0 || m.source.srcID != e.Mentions[0].Source {
		t.Fatalf("enter: focus %d, mention %d, source %q", m.focus, m.s.mention, m.source.srcID)
	}
	seen := map[string]bool{m.source.srcID: true}
	for range e.Mentions {
		keys(m, "]")
		if m.source.srcID != e.Mentions[m.s.mention].Source {
			t.Fatalf("] : source pane shows %q, mention is in %q", m.source.srcID, e.Mentions[m.s.mention].Source)
		}
		seen[m.source.srcID] = true
	}
	if len(seen) < 2 {
		t.Errorf("] should step across sources, saw %v", seen)
	}
	if m.s.mention != 0 {
		t.Errorf("] wraps around: mention %d", m.s.mention)
	}
	keys(m, "[")
	if m.s.mention != len(e.Mentions)-1 {
		t.Errorf("[ from the first goes to the last: %d", m.s.mention)
	}
	// The highlighted sentence is the mention's.
	if cur := m.source.cursorMark(); cur == nil || cur.start != e.Mentions[m.s.mention].Start {
		t.Errorf("source cursor is not on the mention's sentence")
	}
}

func TestSourcePaneJumpsToEvents(t *testing.T) {
	m := newTest(t, 160, 45, Arabic)
	keys(m, "enter") // focus the source pane on the first event's mention
	first := m.s.visible[m.s.sel]
	jumped := false
	for i := 0; i < 10 && !jumped; i++ {
		keys(m, "j")
		evs := m.source.eventsAtCursor()
		if len(evs) == 0 {
			t.Fatal("a marked sentence with no event")
		}
		if evs[0] != first {
			keys(m, "enter")
			if m.s.visible[m.s.sel] != evs[0] || m.focus != TimelinePane {
				t.Fatalf("enter on a marked sentence: selected %d, want %d", m.s.visible[m.s.sel], evs[0])
			}
			jumped = true
		}
	}
	if !jumped {
		t.Error("no other event's sentence reached with j")
	}
}

func TestSearchIsArabicNormalised(t *testing.T) {
	m := newTest(t, 160, 45, Arabic)
	keys(m, "/")
	typeText(m, "قاآني")
	if len(m.s.matches) == 0 {
		t.Fatal("no match for قاآني")
	}
	// Every spelling in the seeds is found: each event mentioning قآاني, قآني …
	for i, ev := range m.s.visible {
		e := &m.s.tl.Events[ev]
		for _, mm := range e.Mentions {
			for _, v := range []string{"قآاني", "قآني", "قاآني"} {
				if strings.Contains(mm.Sentence, v) && !m.s.isMatch(i) {
					t.Errorf("event %q mentions %s but does not match", e.Summary, v)
				}
			}
		}
	}
	// q types q while the search line is focused.
	keys(m, "q")
	if m.input != searchInput || !strings.HasSuffix(string(m.buf), "q") {
		t.Fatal("q in the search box must be typed, not quit")
	}
	keys(m, "backspace")
	typing := m.s.sel
	if m.matchIndex() != 1 {
		t.Errorf("while typing the first match is selected: %d/%d", m.matchIndex(), len(m.s.matches))
	}
	keys(m, "enter")
	if !m.s.isMatch(m.s.sel) || m.s.sel != typing || m.matchIndex() != 1 {
		t.Errorf("enter should stay on the match shown while typing (1/%d), got %d/%d", len(m.s.matches), m.matchIndex(), len(m.s.matches))
	}
	first := m.s.sel
	keys(m, "n")
	if m.s.sel == first && len(m.s.matches) > 1 {
		t.Error("n did not move")
	}
	keys(m, "N")
	if m.s.sel != first {
		t.Errorf("N should come back: %d vs %d", m.s.sel, first)
	}
	keys(m, "esc")
	if m.s.query != "" {
		t.Error("esc clears the search")
	}
	// Latin works too.
	keys(m, "/")
	typeText(m, "xyz-none")
	if len(m.s.matches) != 0 {
		t.Error("a Latin query that is nowhere matched")
	}
}

func TestFilters(t *testing.T) {
	m := newTest(t, 160, 45, Arabic)
	all := len(m.s.visible)
	keys(m, "f")
	typeText(m, "type:visit since:2021-01")
	keys(m, "enter")
	if len(m.s.visible) == 0 || len(m.s.visible) >= all {
		t.Fatalf("filter kept %d of %d", len(m.s.visible), all)
	}
	for _, ev := range m.s.visible {
		e := m.s.tl.Events[ev]
		if e.Type != model.Visit || e.Date.Start.Year() < 2021 {
			t.Errorf("filtered in: %s %s", e.Type, e.Date)
		}
	}
	// The status line is drawn in visual order: in a right-to-left line the
	// chip "≥ 2021-01" shows mirrored, as "2021-01 ≤", the date reading as
	// it does in the timeline.
	if chips := Chips(m.s.filter, m.s.labels); len(chips) != 2 || !strings.Contains(m.statusLine(), "2021-01 ≤") {
		t.Errorf("the filter shows as chips in the status line: %v %q", chips, m.statusLine())
	}
	keys(m, "f")
	typeText(m, "actor:قآني")
	keys(m, "enter")
	for _, ev := range m.s.visible {
		found := false
		for _, a := range m.s.tl.Events[ev].Actors {
			found = found || a.Name == "إسماعيل قاآني"
		}
		if !found {
			t.Errorf("actor filter let in %q", m.s.tl.Events[ev].Summary)
		}
	}
	keys(m, "f")
	typeText(m, "colour:red")
	keys(m, "enter")
	if m.message == "" {
		t.Error("a bad filter gives one clear line")
	}
	keys(m, "esc")
	if len(m.s.visible) != all || !m.s.filter.Empty() {
		t.Error("esc clears the filters")
	}
}

func TestResizeKeepsTheSelection(t *testing.T) {
	m := newTest(t, 160, 45, Arabic)
	keys(m, "j", "j", "j", "j", "j")
	ev := m.s.visible[m.s.sel]
	for _, size := range [][2]int{{100, 30}, {60, 20}, {30, 10}, {15, 6}, {200, 60}} {
		send(m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		if m.s.visible[m.s.sel] != ev {
			t.Fatalf("resize to %v lost the selection", size)
		}
	}
}

// TestNothingDrawsOutsideItsBox draws the reader at many sizes, with each
// pane focused and with overlays, and checks every line's width.
func TestNothingDrawsOutsideItsBox(t *testing.T) {
	for _, labels := range []Labels{Arabic, English} {
		m := newTest(t, 160, 45, labels)
		keys(m, "j", "j", "j", "j", "j", "j", "j", "j", "enter")
		for w := 14; w <= 170; w += 13 {
			for _, h := range []int{6, 8, 12, 30, 45} {
				send(m, tea.WindowSizeMsg{Width: w, Height: h})
				for _, focus := range []string{"tab", "tab", "tab", "?", "?", "p", "p"} {
					keys(m, focus)
					view := m.View()
					lines := strings.Split(view, "\n")
					if len(lines) > h {
						t.Fatalf("%s %dx%d: %d lines", labels.Lang, w, h, len(lines))
					}
					for i, l := range lines {
						if lw := lipgloss.Width(l); lw > w {
							t.Fatalf("%s %dx%d line %d is %d wide: %q", labels.Lang, w, h, i, lw, l)
						}
					}
					if (w < MinWidth || h < MinHeight) && len(lines) != 1 {
						t.Fatalf("%dx%d: too small, want a one-line message", w, h)
					}
				}
			}
		}
	}
}

func TestMouse(t *testing.T) {
	m := newTest(t, 160, 45, Arabic)
	r := m.layout.Rects[TimelinePane]
	y := 0
	for ; y < 10; y++ {
		if ev, ok := m.timeline.eventAt(y); ok && ev != m.s.sel {
			break
		}
	}
	want, _ := m.timeline.eventAt(y)
	send(m, tea.MouseMsg{X: r.X + 5, Y: r.Y + 1 + y, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	if m.s.sel != want {
		t.Errorf("click on row %d selects event %d, got %d", y, want, m.s.sel)
	}
	src := m.layout.Rects[SourcePane]
	send(m, tea.MouseMsg{X: src.X + 3, Y: src.Y + 3, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	if m.focus != SourcePane {
		t.Error("click focuses the pane")
	}
	top := m.source.top
	send(m, tea.MouseMsg{X: src.X + 3, Y: src.Y + 3, Button: tea.MouseButtonWheelDown})
	if m.source.top <= top && len(m.source.lines) > m.source.h {
		t.Error("the wheel scrolls the pane under the pointer")
	}
}

func TestTitlesAreInVisualOrderAndRightAligned(t *testing.T) {
	m := newTest(t, 160, 45, Arabic)
	first := strings.Split(m.View(), "\n")[0]
	shaped := string(rtl.Shape([]rune(Arabic.Timeline), false))
	visual := []rune(shaped)
	for i, j := 0, len(visual)-1; i < j; i, j = i+1, j-1 {
		visual[i], visual[j] = visual[j], visual[i]
	}
	if !strings.Contains(first, string(visual)+" ─╮") {
		t.Errorf("the timeline's title, joined and in visual order, ends the top border at the right: %q", first)
	}
}

func TestDisabledKeysLeaveTheHelp(t *testing.T) {
	m := newTest(t, 160, 45, English)
	m.View()
	if m.keys.NextMatch.Enabled() {
		t.Error("n is offered with no search")
	}
	keys(m, "/", "x", "enter")
	m.View()
	if !m.keys.NextMatch.Enabled() {
		t.Error("n is not offered after a search")
	}
}

func TestStartsFiltered(t *testing.T) {
	f, err := ParseFilter("type:talks query:قاآني")
	if err != nil {
		t.Fatal(err)
	}
	m := New(seedTL, Options{Labels: Arabic, Bidi: Bidi{Mode: "app"}, Renderer: asciiRenderer(), Filter: f})
	send(m, tea.WindowSizeMsg{Width: 160, Height: 45})
	if len(m.s.visible) == 0 || len(m.s.visible) == len(seedTL.Events) {
		t.Fatalf("%d visible", len(m.s.visible))
	}
	for _, ev := range m.s.visible {
		if seedTL.Events[ev].Type != model.Talks {
			t.Errorf("a %s got through", seedTL.Events[ev].Type)
		}
	}
	if len(Chips(m.s.filter, m.s.labels)) != 2 {
		t.Error("the command-line filter shows as chips")
	}
}

func TestCopyPutsTheLogicalSentenceOnTheClipboard(t *testing.T) {
	m := newTest(t, 160, 45, Arabic)
	keys(m, "j", "y")
	want := "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(m.s.currentMention().Sentence)) + "\a"
	if !strings.Contains(m.View(), want) {
		t.Fatal("y does not send the sentence, as written, with OSC 52")
	}
	if strings.Contains(m.View(), "\x1b]52") {
		t.Error("the clipboard is set once, not on every frame")
	}
}

func TestHugeWindowIsClamped(t *testing.T) {
	m := New(seedTL, Options{Labels: Arabic, Bidi: Bidi{Mode: "app"}, Renderer: asciiRenderer()})
	send(m, tea.WindowSizeMsg{Width: 20000, Height: 20000})
	lines := strings.Split(m.View(), "\n")
	if len(lines) > MaxHeight {
		t.Errorf("%d lines", len(lines))
	}
	for _, l := range lines {
		if w := lipgloss.Width(l); w > MaxWidth {
			t.Fatalf("a line %d cells wide", w)
		}
	}
}

// TestEditingMixedInput: the search and filter lines have a cursor that the
// arrows move the way they point on screen (left is forward in Arabic),
// Backspace and Delete act at it, and the line reads as typed: Latin keys
// left to right even in the Arabic interface, the cursor a reversed cell.
func TestEditingMixedInput(t *testing.T) {
	m := newTest(t, 160, 45, Arabic)
	keys(m, "f")
	typeText(m, "type:visit actor:قاآني")
	line := m.bottomLine()
	if !strings.Contains(line, "type:visit actor:") {
		t.Errorf("the filter does not read as typed: %q", line)
	}
	// The buffer starts with a Latin letter: left moves back.
	keys(m, "left", "left", "left", "left", "left")
	if m.cur != len(m.buf)-5 {
		t.Fatalf("cursor at %d of %d after five ←", m.cur, len(m.buf))
	}
	keys(m, "backspace")
	if string(m.buf) != "type:visit actorقاآني" {
		t.Errorf("backspace at the cursor: %q", string(m.buf))
	}
	typeText(m, ":")
	keys(m, "end")
	if m.cur != len(m.buf) || string(m.buf) != "type:visit actor:قاآني" {
		t.Errorf("typing at the cursor: %q, cursor %d", string(m.buf), m.cur)
	}
	keys(m, "esc")

	// An Arabic search: left moves forward, right back.
	keys(m, "/")
	typeText(m, "قاآني")
	keys(m, "home", "left", "left")
	if m.cur != 2 {
		t.Errorf("in Arabic, ← moves forward: cursor %d", m.cur)
	}
	keys(m, "right")
	if m.cur != 1 {
		t.Errorf("in Arabic, → moves back: cursor %d", m.cur)
	}
	keys(m, "delete")
	if string(m.buf) != "قآني" {
		t.Errorf("delete at the cursor: %q", string(m.buf))
	}
	if m.s.query != "قآني" {
		t.Errorf("the search follows the edit: %q", m.s.query)
	}
}

// TestProgressWhileLoading: before its corpus is loaded the reader shows
// how the load goes (phase, counts, rate, the file), and the timeline once
// it comes.
func TestProgressWhileLoading(t *testing.T) {
	m := New(&model.Timeline{}, Options{Labels: English, Bidi: Bidi{Mode: "app"}, Renderer: asciiRenderer(), GlamourStyle: "notty", Loading: true})
	send(m, tea.WindowSizeMsg{Width: 160, Height: 30})
	send(m, LoadingMsg{Phase: "extract", Done: 64, Total: 900, Cached: 100, Rate: 41.6, Current: "d01/a\x1b]0;x\x07.txt"})
	v := ansi.Strip(m.View())
	for _, want := range []string{"extracting events: 64 of 900", "(100 from the cache)", "42 a second", "d01/a"} {
		if !strings.Contains(v, want) {
			t.Errorf("the loading frame lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(m.View(), "\x1b]0;") || strings.Contains(m.View(), "\x07") {
		t.Error("a file name's control bytes reached the screen")
	}
	send(m, LoadedMsg{Timeline: seedTL})
	if v := ansi.Strip(m.View()); strings.Contains(v, "extracting") || !strings.Contains(v, "2021") {
		t.Errorf("after the load:\n%s", v)
	}
}

// TestHelpKeysAreNotMirrored: in the Arabic help bar "]" (next source)
// is read first, right of "[" (previous), each glyph as typed.
func TestHelpKeysAreNotMirrored(t *testing.T) {
	m := newTest(t, 160, 30, Arabic)
	keys(m, "G", "k", "tab") // the event pane of an event with two sources: its bar names both
	lines := strings.Split(ansi.Strip(m.View()), "\n")
	bar := lines[len(lines)-1]
	next, prev := strings.Index(bar, "]"), strings.Index(bar, "[")
	if next < 0 || prev < 0 || next < prev {
		t.Fatalf("in a right-to-left bar ] (next) must stand right of [ (previous): %q", bar)
	}
}

// TestArabicLayoutKeys: with the Arabic (PC) layout active every binding
// works at its place (ت is j, لأ is G, ظ is /), and in the search line
// Arabic letters are text.
func TestArabicLayoutKeys(t *testing.T) {
	latin, arabic := newTest(t, 120, 30, Arabic), newTest(t, 120, 30, Arabic)
	ar := func(m *Model, s string) { send(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}) }
	keys(latin, "j", "j", "k")
	ar(arabic, "ت")
	ar(arabic, "ت")
	ar(arabic, "ن")
	if latin.s.sel != arabic.s.sel {
		t.Fatalf("ت ت ن selected %d, j j k %d", arabic.s.sel, latin.s.sel)
	}
	keys(latin, "G")
	ar(arabic, "لأ") // shift+g types lam-alef with hamza
	if latin.s.sel != arabic.s.sel || arabic.s.sel == 0 {
		t.Fatalf("لأ selected %d, G %d", arabic.s.sel, latin.s.sel)
	}
	ar(arabic, "ل")
	if arabic.s.sel != 0 {
		t.Fatalf("ل (g) did not go to the top: %d", arabic.s.sel)
	}
	ar(arabic, "ظ")
	if arabic.input != searchInput {
		t.Fatal("ظ (/) did not open the search")
	}
	ar(arabic, "ت")
	if string(arabic.buf) != "ت" {
		t.Fatalf("in the search line ت is text, got %q", string(arabic.buf))
	}
	keys(arabic, "esc")
	ar(arabic, "؟")
	if !arabic.help {
		t.Fatal("؟ (?) did not open the help")
	}
	_, cmd := arabic.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("ض")})
	if cmd == nil {
		t.Fatal("ض (q) did not quit")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("ض (q) did not quit")
	}
}

// TestHelpOverlayListsEveryKeyAndScrolls: at 60×20 the overlay says it
// scrolls, and scrolling shows every key, the mouse and the Arabic layout.
func TestHelpOverlayListsEveryKeyAndScrolls(t *testing.T) {
	m := newTest(t, 60, 20, English)
	keys(m, "?")
	first := ansi.Strip(m.View())
	if !strings.Contains(first, "Keys ↑↓") {
		t.Fatalf("the overlay does not say it scrolls:\n%s", first)
	}
	seen := first
	for i := 0; i < 40; i++ {
		keys(m, "j")
		seen += ansi.Strip(m.View())
	}
	for _, want := range []string{"next match", "previous match", "next source", "previous source", "copy sentence", "wheel", "click", "Arabic layout: same keys", "quit"} {
		if !strings.Contains(seen, want) {
			t.Errorf("scrolling the help never shows %q", want)
		}
	}
	if !m.help {
		t.Fatal("j closed the help instead of scrolling it")
	}
	keys(m, "g")
	if got := ansi.Strip(m.View()); got != first {
		t.Errorf("g did not scroll back to the top:\n%s", got)
	}
}

// TestLatinSearch: a well-known name typed in Latin letters finds its
// Arabic form (the lexicon's latin: forms), in any letter case.
func TestLatinSearch(t *testing.T) {
	m := newTest(t, 160, 45, Arabic)
	keys(m, "/")
	typeText(m, "kadhimi")
	if len(m.s.matches) == 0 {
		t.Fatal("/kadhimi finds nothing")
	}
	for _, i := range m.s.matches {
		if !strings.Contains(timeline.SearchText(&m.s.tl.Events[m.s.visible[i]], nil), "كاظمي") {
			t.Errorf("kadhimi matched an event without الكاظمي: %s", m.s.tl.Events[m.s.visible[i]].Summary)
		}
	}
	keys(m, "esc", "/")
	typeText(m, "BIDEN")
	if len(m.s.matches) == 0 {
		t.Fatal("/BIDEN finds nothing")
	}
}

// TestFilterLine: the chips show what was typed (not the folded stem), a
// bare word is a search, and a mistake is explained in the UI's language.
func TestFilterLine(t *testing.T) {
	m := newTest(t, 160, 45, Arabic)
	keys(m, "f")
	typeText(m, "مكان:بغداد قاآني")
	keys(m, "enter")
	if m.message != "" {
		t.Fatalf("refused: %s", m.message)
	}
	if m.s.filter.Query != "قاآني" || len(m.s.visible) == 0 {
		t.Fatalf("the bare word is not a search: %+v, %d events", m.s.filter, len(m.s.visible))
	}
	chips := strings.Join(Chips(m.s.filter, Arabic), " ")
	if !strings.Contains(chips, "بغداد") || !strings.Contains(chips, "«قاآني»") {
		t.Errorf("chips show the folded form: %s", chips)
	}
	keys(m, "f")
	typeText(m, "لون:أحمر")
	keys(m, "enter")
	if !strings.Contains(m.message, "لا يوجد مفتاح تصفية «لون»") {
		t.Errorf("an unknown key in the Arabic UI: %q", m.message)
	}
	keys(m, "f")
	typeText(m, "من:أمس")
	keys(m, "enter")
	if !strings.Contains(m.message, "تاريخ مثل") || strings.Contains(m.message, "want") {
		t.Errorf("a bad date in the Arabic UI: %q", m.message)
	}
}

// TestSourcePaneComesBackAt40x15: with one pane at a time, the source pane
// shown again by Enter is drawn at once (it stayed blank until a key).
func TestSourcePaneComesBackAt40x15(t *testing.T) {
	m := newTest(t, 40, 15, Arabic)
	keys(m, "tab", "tab", "tab", "enter")
	if m.focus != SourcePane {
		t.Fatalf("focus %v", m.focus)
	}
	lines := strings.Split(ansi.Strip(m.View()), "\n")
	text := 0
	for _, l := range lines[1 : len(lines)-3] {
		if strings.Trim(l, "│ ") != "" {
			text++
		}
	}
	if text < 5 {
		t.Fatalf("the source pane is blank:\n%s", strings.Join(lines, "\n"))
	}
}

// TestHintLineKeepsHelpAndQuit: a narrow help bar drops other keys first.
func TestHintLineKeepsHelpAndQuit(t *testing.T) {
	for _, w := range []int{40, 60, 80} {
		m := newTest(t, w, 20, English)
		lines := strings.Split(ansi.Strip(m.View()), "\n")
		bar := lines[len(lines)-1]
		if !strings.Contains(bar, "? help") || !strings.Contains(bar, "q quit") {
			t.Errorf("%d columns: %q", w, bar)
		}
	}
}

// TestCorpusChangeKeepsSelectionAndSearch: a timeline loaded again after a
// change on disk keeps the selected event and the search, and says why.
func TestCorpusChangeKeepsSelectionAndSearch(t *testing.T) {
	m := newTest(t, 160, 45, English)
	keys(m, "/")
	typeText(m, "قاآني")
	keys(m, "enter", "n")
	id := m.s.event().ID
	smaller := *seedTL
	smaller.Events = append([]model.Event(nil), seedTL.Events[1:]...) // one event fewer, before the selection
	send(m, LoadedMsg{Timeline: &smaller, Updated: true})
	if e := m.s.event(); e == nil || e.ID != id {
		t.Fatalf("the selection moved: %v, want %s", e, id)
	}
	if m.s.query != "قاآني" || len(m.s.matches) == 0 {
		t.Errorf("the search was lost: %q %d", m.s.query, len(m.s.matches))
	}
	if !strings.Contains(m.message, "changed on disk") {
		t.Errorf("message %q", m.message)
	}
}

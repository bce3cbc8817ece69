package ui

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
)

// TestGolden runs the reader as a program at fixed sizes and compares the
// final screen with testdata/TestGolden/*.golden (regenerate with
// go test ./ui -run Golden -update). The colour profile is ASCII, so the
// files show exactly the cells a terminal without bidi would be given:
// Arabic joined and in visual order.
func TestGolden(t *testing.T) {
	for _, size := range [][2]int{{160, 45}, {100, 30}, {60, 20}} {
		w, h := size[0], size[1]
		t.Run(fmt.Sprintf("%dx%d", w, h), func(t *testing.T) {
			m := New(seedTL, Options{Labels: Arabic, Bidi: Bidi{Mode: "app", Shape: true}, Renderer: asciiRenderer(), GlamourStyle: "notty", Corpus: "seeds"})
			tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
			for _, k := range []tea.KeyMsg{
				{Type: tea.KeyRunes, Runes: []rune("G")},
				{Type: tea.KeyRunes, Runes: []rune("k")},
				{Type: tea.KeyTab},
			} {
				tm.Send(k)
			}
			teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("•")) },
				teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
			tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
			final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
			teatest.RequireEqualOutput(t, []byte(final.View()))
		})
	}
}

// TestGoldenScenes are the screens of the UX pass at the sizes where they
// went wrong: the help overlay at 60×20 (scrollable, every key), and the
// source pane at 40×15 after Tab Tab Tab Enter (it stayed blank).
func TestGoldenScenes(t *testing.T) {
	for _, sc := range []struct {
		name string
		w, h int
		keys []tea.KeyMsg
		want string // what the screen holds once drawn
	}{
		{"help-60x20", 60, 20, []tea.KeyMsg{{Type: tea.KeyRunes, Runes: []rune("?")}}, "enter"},
		{"help-60x20-scrolled", 60, 20, []tea.KeyMsg{{Type: tea.KeyRunes, Runes: []rune("?")}, {Type: tea.KeyRunes, Runes: []rune("G")}}, "wheel"},
		{"source-40x15", 40, 15, []tea.KeyMsg{{Type: tea.KeyTab}, {Type: tea.KeyTab}, {Type: tea.KeyTab}, {Type: tea.KeyEnter}}, "004"},
	} {
		t.Run(sc.name, func(t *testing.T) {
			m := New(seedTL, Options{Labels: Arabic, Bidi: Bidi{Mode: "app", Shape: true}, Renderer: asciiRenderer(), GlamourStyle: "notty", Corpus: "seeds"})
			tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(sc.w, sc.h))
			for _, k := range sc.keys {
				tm.Send(k)
			}
			teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(sc.want)) },
				teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
			tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
			final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
			teatest.RequireEqualOutput(t, []byte(final.View()))
		})
	}
}

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

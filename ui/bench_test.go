package ui

import (
	"fmt"
	"os"
	"runtime"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"khatt/model"
	"khatt/seeds"
	"khatt/timeline"
)

// BenchmarkFirstFrame is the start-up path: load the seeds, build the
// reader, lay it out and draw the first frame.
func BenchmarkFirstFrame(b *testing.B) {
	lx := timeline.DefaultLexicon()
	for b.Loop() {
		tl := timeline.LoadTimeline([]timeline.Root{{FS: seeds.FS, Path: "."}}, lx)
		m := New(tl, Options{Labels: Arabic, Bidi: Bidi{Mode: "app", Shape: true}, Renderer: asciiRenderer()})
		m.Update(tea.WindowSizeMsg{Width: 160, Height: 45})
		if m.View() == "" {
			b.Fatal("empty frame")
		}
	}
}

// BenchmarkKeyPress100k moves the selection in a timeline of 100,000 events
// and draws the frame, as one key press does. The events are those of the
// generated corpus in KHATT_BENCH_CORPUS (../shared/tools/gen-corpus DIR N;
// bench/whole-process.sh writes one), repeated a day later each time until
// there are 100,000; without it, the seeds' events.
func BenchmarkKeyPress100k(b *testing.B) {
	base := seedTL
	if dir := os.Getenv("KHATT_BENCH_CORPUS"); dir != "" {
		base = timeline.Load([]timeline.Root{{FS: os.DirFS(dir), Path: "."}}, timeline.LoadOptions{})
		if len(base.Events) == 0 {
			b.Fatalf("no events in %s", dir)
		}
	}
	big := &model.Timeline{Sources: base.Sources}
	for i := 0; len(big.Events) < 100000; i++ {
		for _, e := range base.Events {
			e.ID = fmt.Sprintf("%s-%d", e.ID, i)
			if e.Date.Known() {
				e.Date.Start = e.Date.Start.AddDate(0, 0, i)
				e.Date.End = e.Date.End.AddDate(0, 0, i)
			}
			big.Events = append(big.Events, e)
		}
	}
	big.Events = big.Events[:100000]
	m := New(big, Options{Labels: Arabic, Bidi: Bidi{Mode: "app", Shape: true}, Renderer: asciiRenderer()})
	m.Update(tea.WindowSizeMsg{Width: 160, Height: 45})
	m.View()
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	down := tea.KeyMsg{Type: tea.KeyDown}
	b.ResetTimer()
	for b.Loop() {
		m.Update(down)
		if m.View() == "" {
			b.Fatal("empty frame")
		}
	}
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "MiB-heap")
}

package ui

import (
	"io"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

func envOf(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

func probeOf(p Probe) func() Probe { return func() Probe { return p } }

func TestDecideBidi(t *testing.T) {
	for _, tc := range []struct {
		name        string
		flag, shape string
		env         func(string) string
		probe       Probe
		mode        string
		shaped      bool
		enter, exit string
		hint        bool
	}{
		{"xterm answers nothing about BDSM", "auto", "auto", envOf("TERM", "xterm-256color"), Probe{Answered: true, BDSM: 0}, "app", true, bdsmExplicit, bdsmImplicit, false},
		{"VTE can switch its bidi off", "auto", "auto", envOf("VTE_VERSION", "7600"), Probe{Answered: true, BDSM: 1}, "app", true, bdsmExplicit, bdsmImplicit, false},
		{"a terminal that always reorders", "auto", "auto", envOf(), Probe{Answered: true, BDSM: 3}, "terminal", false, "", "", false},
		{"mlterm", "auto", "auto", envOf("TERM", "mlterm"), Probe{BDSM: -1}, "app", true, bdsmExplicit + mltermOff, bdsmImplicit + mltermOn, false},
		{"mlterm by XTVERSION", "auto", "auto", envOf("TERM", "xterm"), Probe{BDSM: 0, XTVersion: "mlterm(3.9.3)"}, "app", true, bdsmExplicit + mltermOff, bdsmImplicit + mltermOn, false},
		{"Konsole", "auto", "auto", envOf("KONSOLE_VERSION", "230401"), Probe{BDSM: -1}, "terminal", false, "", "", true},
		{"Apple Terminal", "auto", "auto", envOf("TERM_PROGRAM", "Apple_Terminal"), Probe{BDSM: -1}, "terminal", false, "", "", true},
		{"forced terminal mode", "terminal", "auto", envOf(), Probe{}, "terminal", false, "", "", false},
		{"forced app mode without shaping", "app", "none", envOf(), Probe{}, "app", false, bdsmExplicit, bdsmImplicit, false},
		{"off", "off", "auto", envOf(), Probe{}, "off", false, "", "", false},
	} {
		b, err := DecideBidi(tc.flag, tc.shape, false, tc.env, probeOf(tc.probe))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if b.Mode != tc.mode || b.Shape != tc.shaped || b.Enter != tc.enter || b.Exit != tc.exit || (b.Hint != "") != tc.hint {
			t.Errorf("%s: got %+v", tc.name, b)
		}
		if strings.Contains(b.Enter, "\x1b[2 k") {
			t.Errorf("%s: never send CSI 2 SP k", tc.name)
		}
	}
}

func TestDecideBidiThroughTmux(t *testing.T) {
	b, _ := DecideBidi("app", "auto", false, envOf("TMUX", "/tmp/tmux-0/default,1,0", "TERM", "tmux-256color"), nil)
	// The outer terminal gets the switch late, wrapped for passthrough,
	// with its rows made again; tmux gets it at once.
	if want := "\x1bPtmux;\x1b\x1b[8l\x1b\x1b[2J\x1b\\"; b.Enter != bdsmExplicit || b.Late != want || !b.Tmux {
		t.Errorf("enter %q late %q, want %q then %q", b.Enter, b.Late, bdsmExplicit, want)
	}
	if want := bdsmImplicit + "\x1bPtmux;\x1b\x1b[8h\x1b\x1b[2J\x1b\\"; b.Exit != want {
		t.Errorf("exit %q, want %q", b.Exit, want)
	}
	// Printed text (the briefing) must not clear the outer screen.
	p := b.ForPrinting()
	if want := bdsmImplicit + "\x1bPtmux;\x1b\x1b[8h\x1b\\"; p.Exit != want || p.Late != "" || strings.Contains(p.Enter, "[2J") {
		t.Errorf("printing: enter %q exit %q late %q", p.Enter, p.Exit, p.Late)
	}
}

func TestDecideBidiRejectsBadFlags(t *testing.T) {
	if _, err := DecideBidi("sideways", "", false, envOf(), nil); err == nil {
		t.Error("bad --bidi accepted")
	}
	if _, err := DecideBidi("", "ligatures", false, envOf(), nil); err == nil {
		t.Error("bad --shape accepted")
	}
}

func TestParseAnswers(t *testing.T) {
	p := ParseAnswers("\x1b[8;2$y\x1bP>|XTerm(388)\x1b\\\x1b[?64;1;2;6;22c")
	if !p.Answered || p.BDSM != 2 || p.XTVersion != "XTerm(388)" {
		t.Errorf("%+v", p)
	}
	if p := ParseAnswers("\x1b[?1;2c"); p.BDSM != -1 || p.XTVersion != "" {
		t.Errorf("DA1 only: %+v", p)
	}
}

// TestOutputSwitchesOnTheAlternateScreen: the hook puts the terminal's
// switch just inside the alternate screen and the way back just before
// leaving it, however often the reader enters and leaves (a suspend), and
// sends Late a moment after entering.
func TestOutputSwitchesOnTheAlternateScreen(t *testing.T) {
	var got strings.Builder
	var mu sync.Mutex
	w := writerFunc(func(p []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		return got.Write(p)
	})
	repainted := make(chan bool, 2)
	out := Output(w, Bidi{Enter: "<on>", Exit: "<off>", Late: "<late>"}, func() { repainted <- true })
	io.WriteString(out, "a\x1b[?1049hframe")
	time.Sleep(LateDelay + 100*time.Millisecond)
	io.WriteString(out, "frame2\x1b[?1049lb\x1b[?1049hc\x1b[?1049l")
	time.Sleep(LateDelay + 100*time.Millisecond)
	mu.Lock()
	defer mu.Unlock()
	want := "a\x1b[?1049h<on>frame<late>frame2<off>\x1b[?1049lb\x1b[?1049h<on>c<off>\x1b[?1049l"
	if got.String() != want {
		t.Errorf("got  %q\nwant %q", got.String(), want)
	}
	var plainOut strings.Builder
	if len(repainted) != 1 {
		t.Errorf("repainted %d times after Late, want once", len(repainted))
	}
	if Output(&plainOut, Bidi{}, nil) != io.Writer(&plainOut) {
		t.Error("nothing to switch: the output should be the writer itself")
	}
	// A terminal file stays a file: the reader reads its size from it.
	f, err := os.CreateTemp(t.TempDir(), "tty")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, ok := Output(f, Bidi{Enter: "x"}, nil).(interface{ Fd() uintptr }); !ok {
		t.Error("a file lost its Fd")
	}
	io.WriteString(Output(f, Bidi{Enter: "<on>"}, nil), "\x1b[?1049h")
	data, _ := os.ReadFile(f.Name())
	if string(data) != "\x1b[?1049h<on>" {
		t.Errorf("through WriteString: %q", data)
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func TestForPrinting(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		flag string
		want string
		iso  bool
	}{
		{"mlterm", map[string]string{"TERM": "mlterm"}, "auto", "terminal", false},
		{"tmux in VTE", map[string]string{"TMUX": "x", "VTE_VERSION": "7006", "KHATT_TMUX_PASSTHROUGH": "on"}, "auto", "terminal", true},
		{"VTE keeps the mode of each row", map[string]string{"VTE_VERSION": "7006"}, "auto", "app", false},
		{"xterm", map[string]string{"TERM": "xterm"}, "auto", "app", false},
		{"asked for", map[string]string{"TERM": "mlterm"}, "app", "app", false},
	} {
		env := func(k string) string { return tc.env[k] }
		b, err := DecideBidi(tc.flag, "auto", false, env, func() Probe { return Probe{BDSM: 2} })
		if err != nil {
			t.Fatal(err)
		}
		p := b.ForPrinting()
		if p.Mode != tc.want || p.Isolates != tc.iso || p.Mode == "terminal" && (p.Enter != "" || p.Exit != "" || p.Shape) {
			t.Errorf("%s: %+v", tc.name, p)
		}
	}
}

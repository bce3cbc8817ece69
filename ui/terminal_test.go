package ui

import (
	"strings"
	"testing"
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
	want := bdsmExplicit + "\x1bPtmux;\x1b\x1b[8l\x1b\\"
	if b.Enter != want {
		t.Errorf("enter %q, want %q (plain and wrapped for passthrough)", b.Enter, want)
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

package ui

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"

	"golang.org/x/term"

	"khatt/ui/rtl"
)

// Bidi is the decision on who does right-to-left text: the app (reordering
// and shaping itself, with the terminal's own bidi switched off), the
// terminal, or nobody.
type Bidi struct {
	Mode   string // "app", "terminal" or "off"
	Shape  bool   // the app substitutes joined letter forms
	Strip  bool   // the app drops harakat
	Reason string // why, for the status line and --help
	Hint   string // what the user can do about it, if anything
	Enter  string // sent before the first frame
	Exit   string // sent on every exit path
}

// RTLMode is the mode for the bidi step.
func (b Bidi) RTLMode() rtl.Mode {
	return rtl.Mode{Reorder: b.Mode == "app", Shape: b.Shape, StripMarks: b.Strip}
}

// Name is the short form for the status line: "app+forms", "terminal".
func (b Bidi) Name() string {
	if b.Mode == "app" && b.Shape {
		return "app+forms"
	}
	return b.Mode
}

// Probe is what the terminal answered to khatt's queries.
type Probe struct {
	Answered  bool   // anything at all came back (DA1 at least)
	BDSM      int    // DECRQM answer for mode 8: 0 unknown, 1 set, 2 reset, 3 always set, 4 always reset; -1 no answer
	XTVersion string // the terminal's name and version, if it says
}

// Sequences of the terminal bidi recommendation and of mlterm.
const (
	bdsmExplicit = "\x1b[8l" // BDSM reset: the terminal does no implicit reordering
	bdsmImplicit = "\x1b[8h"
	mltermOff    = "\x1b]5379;use_ctl=false\x07"
	mltermOn     = "\x1b]5379;use_ctl=true\x07"
)

// DecideBidi chooses the bidi mode from the flags (or KHATT_BIDI and
// KHATT_SHAPE, which survive SSH as LC_* do not), the environment and the
// terminal's answers. bidiFlag is auto, app, terminal or off; shapeFlag is
// auto, forms or none.
func DecideBidi(bidiFlag, shapeFlag string, strip bool, env func(string) string, probe func() Probe) (Bidi, error) {
	if bidiFlag == "" {
		bidiFlag = "auto"
	}
	if shapeFlag == "" {
		shapeFlag = "auto"
	}
	switch bidiFlag {
	case "auto", "app", "terminal", "off":
	default:
		return Bidi{}, fmt.Errorf("--bidi %q: want auto, app, terminal or off", bidiFlag)
	}
	switch shapeFlag {
	case "auto", "forms", "none":
	default:
		return Bidi{}, fmt.Errorf("--shape %q: want auto, forms or none", shapeFlag)
	}
	b := Bidi{Mode: bidiFlag, Strip: strip, Reason: "chosen with --bidi or KHATT_BIDI"}
	term := env("TERM")
	mlterm := strings.HasPrefix(term, "mlterm")
	if bidiFlag == "auto" {
		p := Probe{BDSM: -1}
		if probe != nil {
			p = probe()
		}
		mlterm = mlterm || strings.Contains(strings.ToLower(p.XTVersion), "mlterm")
		switch {
		case p.BDSM == 1 || p.BDSM == 2:
			b.Mode, b.Reason = "app", "the terminal can switch its bidi off (BDSM)"
		case p.BDSM == 3:
			b.Mode, b.Reason = "terminal", "the terminal always reorders (BDSM permanently set)"
		case mlterm:
			b.Mode, b.Reason = "app", "mlterm: its bidi is switched off with OSC 5379"
		case env("KONSOLE_VERSION") != "":
			b.Mode, b.Reason = "terminal", "Konsole reorders text itself"
			b.Hint = "Konsole: Settings › Edit Current Profile › Advanced: untick Bi-Directional text rendering, then use --bidi app"
		case env("TERM_PROGRAM") == "Apple_Terminal":
			b.Mode, b.Reason = "terminal", "Apple Terminal reorders text itself"
			b.Hint = "Terminal.app cannot turn its bidi off; iTerm2 or --bidi app in another terminal shows the panes right"
		default:
			b.Mode, b.Reason = "app", "the terminal does not reorder text"
		}
	}
	switch {
	case shapeFlag == "forms":
		b.Shape = true
	case shapeFlag == "auto":
		b.Shape = b.Mode == "app"
	}
	if b.Mode == "app" {
		enter, exit := bdsmExplicit, bdsmImplicit
		if mlterm {
			enter, exit = enter+mltermOff, exit+mltermOn
		}
		// Through tmux or screen the sequences reach the outer terminal only
		// when wrapped (tmux needs allow-passthrough).
		if env("TMUX") != "" {
			enter, exit = enter+tmuxWrap(enter), exit+tmuxWrap(exit)
		} else if strings.HasPrefix(term, "screen") && env("STY") != "" {
			enter, exit = enter+"\x1bP"+enter+"\x1b\\", exit+"\x1bP"+exit+"\x1b\\"
		}
		b.Enter, b.Exit = enter, exit
	}
	return b, nil
}

func tmuxWrap(seq string) string {
	return "\x1bPtmux;" + strings.ReplaceAll(seq, "\x1b", "\x1b\x1b") + "\x1b\\"
}

var (
	decrqmAnswer = regexp.MustCompile(`\x1b\[8;(\d)\$y`)
	xtversion    = regexp.MustCompile(`\x1bP>\|([^\x1b]*)\x1b\\`)
	da1Answer    = regexp.MustCompile(`\x1b\[\?[0-9;]*c`)
)

// ProbeTerminal asks the terminal on /dev/tty whether it knows BDSM (DECRQM
// CSI 8 $p) and what it is (XTVERSION), with DA1 as a sentinel every
// terminal answers, waiting at most timeout: bounded, so that a silent
// terminal or a slow SSH link costs a fraction of a second, not a hang.
func ProbeTerminal(timeout time.Duration) Probe {
	p := Probe{BDSM: -1}
	tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		return p
	}
	defer tty.Close()
	state, err := term.MakeRaw(int(tty.Fd()))
	if err != nil {
		return p
	}
	defer term.Restore(int(tty.Fd()), state)
	if _, err := tty.WriteString("\x1b[8$p\x1b[>0q\x1b[c"); err != nil {
		return p
	}
	return parseAnswers(readUntil(tty, timeout))
}

// readUntil reads from the terminal until the DA1 answer or the deadline.
func readUntil(tty *os.File, timeout time.Duration) string {
	deadline := time.Now().Add(timeout)
	var got []byte
	buf := make([]byte, 256)
	for time.Now().Before(deadline) {
		if err := tty.SetReadDeadline(deadline); err != nil {
			break // not pollable: give up rather than block
		}
		n, err := tty.Read(buf)
		got = append(got, buf[:n]...)
		if da1Answer.Match(got) || err != nil {
			break
		}
	}
	return string(got)
}

func parseAnswers(s string) Probe {
	p := Probe{BDSM: -1, Answered: s != ""}
	if m := decrqmAnswer.FindStringSubmatch(s); m != nil {
		p.BDSM = int(m[1][0] - '0')
	}
	if m := xtversion.FindStringSubmatch(s); m != nil {
		p.XTVersion = m[1]
	}
	return p
}

package ui

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
	"golang.org/x/term"

	"khatt/safe"
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
	// Late is sent once the reader has been on the alternate screen a
	// moment (tmux: its redraw of a pane entering the alternate screen
	// undoes an outer terminal's switch made earlier), then the reader
	// draws its frame again.
	Late string
	// Outer is the terminal known to reorder by itself (vte, mlterm,
	// konsole) or kitty; Tmux is set inside tmux.
	Outer string
	Tmux  bool
	// printEnter and printExit replace Enter and Exit for printed text
	// behind tmux: the switch goes through at once, and nothing clears
	// the outer screen.
	printEnter, printExit string
	Kitty                 bool // kitty: words in visual order, letters in logical order
	// Isolates: terminal mode in isolates (rtl.Mode.Embed) for a terminal
	// that lays rows out left to right and honours them (Konsole, VTE);
	// PreMirror for one that does not mirror what it reverses (Konsole).
	Isolates, PreMirror bool
	Probe               Probe // what the terminal answered (the background among it)
}

// RTLMode is the mode for the bidi step.
func (b Bidi) RTLMode() rtl.Mode {
	term := b.Mode == "terminal"
	return rtl.Mode{Reorder: b.Mode == "app", Isolate: b.Mode == "app", Shape: b.Shape, StripMarks: b.Strip, KittyWords: b.Kitty,
		Marks: term && !b.Isolates, Embed: term && b.Isolates, PreMirror: term && b.PreMirror}
}

// Name is the short form for the status line: "app+forms", "terminal".
func (b Bidi) Name() string {
	if b.Mode == "app" && b.Kitty {
		return "app+kitty"
	}
	if b.Mode == "terminal" && b.Isolates {
		return "terminal+isolates"
	}
	if b.Mode == "app" && b.Shape {
		return "app+forms"
	}
	return b.Mode
}

// Probe is what the terminal answered to khatt's queries.
type Probe struct {
	Answered   bool   // anything at all came back (DA1 at least)
	BDSM       int    // DECRQM answer for mode 8: 0 unknown, 1 set, 2 reset, 3 always set, 4 always reset; -1 no answer
	XTVersion  string // the terminal's name and version, if it says
	Background string // "dark" or "light" from the OSC 11 answer, "" when it said nothing
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
	p := Probe{BDSM: -1}
	if probe != nil { // asked even with --bidi given: the answers carry the background
		p = probe()
	}
	b.Probe = p
	version := strings.ToLower(p.XTVersion)
	// Inside tmux, TERM and the answers are tmux's; the outer terminal is
	// known only from the environment the tmux server inherited.
	tmux := env("TMUX") != ""
	mlterm := strings.HasPrefix(term, "mlterm") || strings.Contains(version, "mlterm") || env("MLTERM") != ""
	vte := env("VTE_VERSION") != ""
	kitty := term == "xterm-kitty" || env("KITTY_WINDOW_ID") != "" || strings.Contains(version, "kitty")
	konsole := env("KONSOLE_VERSION") != "" || strings.Contains(version, "konsole")
	b.Tmux = tmux
	switch {
	case kitty:
		b.Outer = "kitty"
	case mlterm:
		b.Outer = "mlterm"
	case konsole:
		b.Outer = "konsole"
	case vte:
		b.Outer = "vte"
	}
	if bidiFlag == "auto" {
		switch {
		case kitty:
			b.Mode, b.Kitty, b.Reason = "app", true, "kitty draws each Arabic word right to left itself: words come in visual order, their letters in logical order"
		case tmux && (vte || mlterm) && !tmuxPassthrough(env):
			b.Mode, b.Reason = "terminal", "tmux inside a terminal that reorders, and tmux keeps khatt from switching that off"
			b.Hint = "tmux: set -g allow-passthrough on (then start khatt again) to let khatt switch the outer terminal's bidi off"
		case tmux && (vte || mlterm):
			b.Mode, b.Reason = "app", "tmux passes khatt's switch to the outer terminal (allow-passthrough)"
		case p.BDSM == 1 || p.BDSM == 2:
			b.Mode, b.Reason = "app", "the terminal can switch its bidi off (BDSM)"
		case p.BDSM == 3:
			b.Mode, b.Reason = "terminal", "the terminal always reorders (BDSM permanently set)"
		case mlterm:
			b.Mode, b.Reason = "app", "mlterm: its bidi is switched off with OSC 5379"
		case konsole:
			b.Mode, b.Reason = "terminal", "Konsole reorders text itself"
			b.Hint = "Konsole: Settings › Edit Current Profile › Advanced: untick Bi-Directional text rendering, then use --bidi app"
		case env("TERM_PROGRAM") == "Apple_Terminal":
			b.Mode, b.Reason = "terminal", "Apple Terminal reorders text itself"
			b.Hint = "Terminal.app cannot turn its bidi off; iTerm2 or --bidi app in another terminal shows the panes right"
		default:
			b.Mode, b.Reason = "app", "the terminal does not reorder text"
		}
	} else if kitty && bidiFlag == "app" {
		b.Kitty = true
	}
	if b.Mode == "terminal" && (konsole || vte) {
		b.Isolates, b.PreMirror = true, konsole
	}
	switch {
	case shapeFlag == "forms":
		b.Shape = true
	case shapeFlag == "auto":
		b.Shape = b.Mode == "app" && !b.Kitty // kitty joins the letters itself
	}
	if b.Mode == "app" {
		enter, exit := bdsmExplicit, bdsmImplicit
		if mlterm {
			enter, exit = enter+mltermOff, exit+mltermOn
		}
		// Through tmux or screen the sequences reach the outer terminal only
		// when wrapped (tmux needs allow-passthrough).
		if tmux {
			// The outer terminal (VTE) keeps the bidi mode a row had when
			// it was made: after the switch its rows are made again (ED 2,
			// on the alternate screen tmux runs on) and tmux draws them
			// again (tmux passes the reader's new frame on). The switch is
			// sent late: tmux's redraw of a pane that enters the alternate
			// screen would undo it.
			b.Late = tmuxWrap(enter + "\x1b[2J")
			b.printEnter, b.printExit = enter+tmuxWrap(enter), exit+tmuxWrap(exit)
			exit = exit + tmuxWrap(exit+"\x1b[2J")
		} else if strings.HasPrefix(term, "screen") && env("STY") != "" {
			enter, exit = enter+"\x1bP"+enter+"\x1b\\", exit+"\x1bP"+exit+"\x1b\\"
		}
		b.Enter, b.Exit = enter, exit
	}
	return b, nil
}

// ForPrinting adapts a decision for text printed on the main screen (the
// briefing), which stays in the scrollback after khatt exits: mlterm draws
// its whole screen again with whatever bidi setting it has, and tmux draws
// its panes again at will, so text in visual order would come back
// reversed once the terminal's bidi is on again. There, in auto mode, the
// terminal does the bidi (VTE behind tmux in isolates).
func (b Bidi) ForPrinting() Bidi {
	auto := b.Reason != "chosen with --bidi or KHATT_BIDI"
	if !auto || b.Mode != "app" || !(b.Outer == "mlterm" || b.Tmux && b.Outer == "vte") {
		if b.printExit != "" {
			b.Enter, b.Exit, b.Late = b.printEnter, b.printExit, ""
		}
		return b
	}
	b.Mode, b.Shape, b.Enter, b.Exit, b.Late, b.Hint = "terminal", false, "", "", "", ""
	b.Isolates = b.Outer == "vte"
	b.Reason = "printed text stays on screen after khatt: the terminal, which reorders, keeps it right"
	return b
}

// tmuxPassthrough reports whether tmux lets escape sequences through to
// the outer terminal (allow-passthrough on or all), asking the tmux of the
// session; KHATT_TMUX_PASSTHROUGH (on/off) answers for it in tests.
func tmuxPassthrough(env func(string) string) bool {
	if v := env("KHATT_TMUX_PASSTHROUGH"); v != "" {
		return v == "on" || v == "all"
	}
	ctx, cancel := context.WithTimeout(context.Background(), ProbeTimeout)
	defer cancel()
	out, err := exec.CommandContext(ctx, "tmux", "show-options", "-gqv", "allow-passthrough").Output()
	if err != nil {
		return false
	}
	v := strings.TrimSpace(string(out))
	return v == "on" || v == "all"
}

func tmuxWrap(seq string) string {
	return "\x1bPtmux;" + strings.ReplaceAll(seq, "\x1b", "\x1b\x1b") + "\x1b\\"
}

// Queries is what khatt asks a terminal, once, at start: its background
// colour (OSC 11), whether it knows BDSM (DECRQM CSI 8 $p) and what it is
// (XTVERSION), then DA1, which every terminal answers, as a sentinel.
const Queries = "\x1b]11;?\x1b\\\x1b[8$p\x1b[>0q\x1b[c"

// ProbeTimeout bounds the wait for a terminal's answers.
const ProbeTimeout = 300 * time.Millisecond

// ProbeTerminal asks the terminal on /dev/tty (see Queries) and waits at
// most timeout for the answers: reads are polled against a hard deadline,
// so a terminal that answers nothing costs the timeout, never a hang, and
// no key pressed meanwhile is taken from the reader unless it came before
// the answers' end.
func ProbeTerminal(timeout time.Duration) Probe {
	p := Probe{BDSM: -1}
	tty, err := os.OpenFile("/dev/tty", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		return p
	}
	defer tty.Close()
	fd := int(tty.Fd())
	state, err := term.MakeRaw(fd)
	if err != nil {
		return p
	}
	defer term.Restore(fd, state)
	if _, err := tty.WriteString(Queries); err != nil {
		return p
	}
	return ParseAnswers(readAnswers(fd, timeout))
}

// readAnswers reads from fd until the DA1 answer or the deadline, polling
// so that no read ever blocks past it.
func readAnswers(fd int, timeout time.Duration) string {
	deadline := time.Now().Add(timeout)
	var got []byte
	buf := make([]byte, 512)
	draining := false
	for len(got) < 8192 {
		left := time.Until(deadline)
		if left <= 0 {
			break
		}
		fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
		n, err := unix.Poll(fds, int(left/time.Millisecond)+1)
		if err == unix.EINTR {
			continue
		}
		if err != nil || n == 0 || fds[0].Revents&unix.POLLIN == 0 {
			break
		}
		k, err := unix.Read(fd, buf)
		if k > 0 {
			got = append(got, buf[:k]...)
		}
		if err != nil || k <= 0 {
			break
		}
		if da1Answer.Match(got) && !draining {
			// Answers may come out of order (DA1 before OSC 11): take what
			// else is already on its way so that none reaches the reader as
			// keys.
			draining = true
			if d := time.Now().Add(25 * time.Millisecond); d.Before(deadline) {
				deadline = d
			}
		}
	}
	return string(got)
}

var (
	decrqmAnswer = regexp.MustCompile(`\x1b\[8;(\d)\$y`)
	xtversion    = regexp.MustCompile(`\x1bP>\|([^\x1b]*)\x1b\\`)
	da1Answer    = regexp.MustCompile(`\x1b\[\?[0-9;]*c`)
	oscBG        = regexp.MustCompile(`\x1b\]11;rgba?:([0-9a-fA-F]+)/([0-9a-fA-F]+)/([0-9a-fA-F]+)`)
	oscAnswer    = regexp.MustCompile(`\x1b\]11;[^\x07\x1b]*(\x07|\x1b\\)`)
)

// AnswersDone reports whether s holds the DA1 answer, the last expected.
func AnswersDone(s string) bool { return da1Answer.MatchString(s) }

// StripAnswers removes the answers to Queries from what a terminal sent,
// leaving keys typed meanwhile.
func StripAnswers(s string) string {
	for _, re := range []*regexp.Regexp{decrqmAnswer, xtversion, da1Answer, oscAnswer} {
		s = re.ReplaceAllString(s, "")
	}
	return s
}

// ParseAnswers reads a terminal's answers to Queries.
func ParseAnswers(s string) Probe {
	p := Probe{BDSM: -1, Answered: s != ""}
	if m := decrqmAnswer.FindStringSubmatch(s); m != nil {
		p.BDSM = int(m[1][0] - '0')
	}
	if m := xtversion.FindStringSubmatch(s); m != nil {
		p.XTVersion = safe.Line(m[1], 80)
	}
	if m := oscBG.FindStringSubmatch(s); m != nil {
		var sum float64
		for i, w := range []float64{0.299, 0.587, 0.114} {
			v, _ := strconv.ParseUint(m[i+1], 16, 64)
			sum += w * float64(v) / float64(uint64(1)<<(4*len(m[i+1]))-1)
		}
		p.Background = "dark"
		if sum > 0.5 {
			p.Background = "light"
		}
	}
	return p
}

// The alternate screen's sequences as Bubble Tea writes them.
const (
	altScreenOn  = "\x1b[?1049h"
	altScreenOff = "\x1b[?1049l"
)

// Output wraps the reader's output so that b.Enter is sent just after the
// reader enters the alternate screen and b.Exit just before it leaves it,
// however it leaves (a quit, a suspend, a panic, a signal). The terminal's
// bidi is then switched only on the alternate screen: mlterm leaves the
// lines of the main screen reversed and unjoined when it is toggled there.
// b.Late follows a moment later, then repaint, which must make the reader
// draw its whole frame again (send RepaintMsg). A *os.File stays a file
// (the reader reads its size from it).
func Output(w io.Writer, b Bidi, repaint func()) io.Writer {
	if b.Enter == "" && b.Exit == "" && b.Late == "" {
		return w
	}
	h := &bidiHook{w: w, enter: b.Enter, exit: b.Exit, late: b.Late, repaint: repaint}
	if f, ok := w.(*os.File); ok {
		return &fileHook{File: f, h: h}
	}
	return h
}

type bidiHook struct {
	mu          sync.Mutex
	w           io.Writer
	enter, exit string
	late        string
	repaint     func()
	timer       *time.Timer
}

// LateDelay is how long the reader is on the alternate screen before
// Bidi.Late is sent.
const LateDelay = 150 * time.Millisecond

func (h *bidiHook) Write(p []byte) (int, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	s := string(p)
	var out strings.Builder
	for {
		on, off := strings.Index(s, altScreenOn), strings.Index(s, altScreenOff)
		switch {
		case on >= 0 && (off < 0 || on < off):
			out.WriteString(s[:on+len(altScreenOn)])
			out.WriteString(h.enter)
			s = s[on+len(altScreenOn):]
			if h.late != "" {
				h.stopLate()
				h.timer = time.AfterFunc(LateDelay, h.sendLate)
			}
			continue
		case off >= 0:
			h.stopLate()
			out.WriteString(s[:off])
			out.WriteString(h.exit)
			out.WriteString(altScreenOff)
			s = s[off+len(altScreenOff):]
			continue
		}
		break
	}
	out.WriteString(s)
	if _, err := io.WriteString(h.w, out.String()); err != nil {
		return 0, err
	}
	return len(p), nil
}

func (h *bidiHook) stopLate() {
	if h.timer != nil {
		h.timer.Stop()
		h.timer = nil
	}
}

// sendLate writes Late between two of the reader's writes and has the
// reader draw everything again (the outer screen was cleared).
func (h *bidiHook) sendLate() {
	h.mu.Lock()
	if h.timer == nil {
		h.mu.Unlock()
		return // left the alternate screen meanwhile
	}
	h.timer = nil
	_, err := io.WriteString(h.w, h.late)
	h.mu.Unlock()
	if err == nil && h.repaint != nil {
		h.repaint()
	}
}

// fileHook is a bidiHook that is still the terminal's file.
type fileHook struct {
	*os.File
	h *bidiHook
}

func (f *fileHook) Write(p []byte) (int, error) { return f.h.Write(p) }

// WriteString and ReadFrom would otherwise be the file's own, past the hook.
func (f *fileHook) WriteString(s string) (int, error) { return f.h.Write([]byte(s)) }

func (f *fileHook) ReadFrom(r io.Reader) (int64, error) { return io.Copy(f.h, r) }

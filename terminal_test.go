package main

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// faketerm is ../shared/tools/faketerm: it runs a command on a
// pseudo-terminal that answers like a given terminal and records every byte
// the command sent.
func faketerm(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("short mode")
	}
	path := os.Getenv("KHATT_FAKETERM")
	if path == "" {
		path = filepath.Join("..", "shared", "tools", "faketerm")
	}
	if _, err := os.Stat(path); err != nil {
		t.Skipf("faketerm not found (%v); set KHATT_FAKETERM", err)
	}
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is not installed")
	}
	abs, _ := filepath.Abs(path)
	return abs
}

func buildKhatt(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "khatt")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// runFake runs args on a fake terminal of a kind for secs seconds, with
// keys typed after the first frame, and returns what the program sent and
// faketerm's summary (first_output_s, first_arabic_s, answered, exit).
func runFake(t *testing.T, ft, kind string, secs float64, env []string, keys string, args ...string) (string, map[string]string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), kind+".out")
	cmd := exec.Command(ft, append([]string{kind, fmt.Sprint(secs), out, "--"}, args...)...)
	cmd.Env = append(os.Environ(), "FT_KEYS="+keys, "FT_COLS=120", "FT_ROWS=30")
	// The outer environment must not name a terminal: each case sets its own.
	cmd.Env = filterEnv(cmd.Env, "TMUX", "STY", "VTE_VERSION", "KONSOLE_VERSION", "KITTY_WINDOW_ID", "MLTERM", "TERM_PROGRAM", "NO_COLOR", "KHATT_BIDI", "KHATT_THEME", "COLORFGBG", "CI")
	// A briefing taller than the terminal would wait in less for keys.
	cmd.Env = append(cmd.Env, "KHATT_PAGER=cat")
	cmd.Env = append(cmd.Env, env...) // later values win
	summary, err := cmd.Output()
	if err != nil {
		t.Fatalf("faketerm %s: %v", kind, err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]string{}
	for _, f := range strings.Fields(string(summary)) {
		if k, v, ok := strings.Cut(f, "="); ok {
			fields[k] = v
		}
	}
	return string(data), fields
}

func filterEnv(env []string, drop ...string) []string {
	var out []string
	for _, e := range env {
		name, _, _ := strings.Cut(e, "=")
		keep := true
		for _, d := range drop {
			if name == d {
				keep = false
			}
		}
		if keep {
			out = append(out, e)
		}
	}
	return out
}

func seconds(t *testing.T, fields map[string]string, key string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(fields[key], 64)
	if err != nil {
		t.Fatalf("%s = %q: nothing came", key, fields[key])
	}
	return v
}

// TestStartUpOnTerminals runs the reader on terminals that answer like
// silent, xterm, VTE, kitty, Konsole and mlterm do: the mode chosen (shown
// in the status line), the terminal's bidi switched off on the alternate
// screen and back on before leaving it, the first frame within a second
// even when nothing answers, and q quits cleanly.
func TestStartUpOnTerminals(t *testing.T) {
	ft := faketerm(t)
	bin := buildKhatt(t)
	const bdsmOff, bdsmOn = "\x1b[8l", "\x1b[8h"
	const mltermOff, mltermOn = "\x1b]5379;use_ctl=false\x07", "\x1b]5379;use_ctl=true\x07"
	for _, tc := range []struct {
		kind  string
		env   []string
		mode  string // as the status line names it
		enter string // sent just after entering the alternate screen
		exit  string // sent just before leaving it
	}{
		{"silent", []string{"TERM=xterm-256color"}, "app+forms", bdsmOff, bdsmOn},
		{"xterm", []string{"TERM=xterm-256color"}, "app+forms", bdsmOff, bdsmOn},
		{"vte", []string{"TERM=xterm-256color", "VTE_VERSION=7006"}, "app+forms", bdsmOff, bdsmOn},
		// kitty known by its answer alone (over SSH its variables are gone).
		{"kitty", []string{"TERM=xterm-256color"}, "app+kitty", bdsmOff, bdsmOn},
		// Konsole known by its answer alone: it reorders, so khatt does not.
		{"konsole", []string{"TERM=xterm-256color"}, "terminal", "", ""},
		{"mlterm", []string{"TERM=mlterm"}, "app+forms", bdsmOff + mltermOff, bdsmOn + mltermOn},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			sent, f := runFake(t, ft, tc.kind, 6, tc.env, "q", "sh", "-c", bin+` seeds; s=$?; sleep 0.5; exit $s`)
			if f["exit"] != "0" {
				t.Errorf("exit %s, want 0 after q", f["exit"])
			}
			if s := seconds(t, f, "first_arabic_s"); s >= 1 {
				t.Errorf("first frame after %.2f s, want under 1 s", s)
			}
			if !strings.Contains(sent, tc.mode) {
				t.Errorf("status line does not name the mode %q", tc.mode)
			}
			on, off := strings.Index(sent, "\x1b[?1049h"), strings.LastIndex(sent, "\x1b[?1049l")
			if on < 0 || off < on {
				t.Fatalf("no alternate screen: %q", sent)
			}
			if tc.enter == "" {
				if strings.Contains(sent, bdsmOff) || strings.Contains(sent, "5379") {
					t.Errorf("the terminal's bidi was switched in terminal mode")
				}
				return
			}
			if !strings.HasPrefix(sent[on+len("\x1b[?1049h"):], tc.enter) {
				t.Errorf("after entering the alternate screen: %q, want %q first", sent[on:min(len(sent), on+40)], tc.enter)
			}
			if !strings.HasSuffix(sent[:off], tc.exit) {
				t.Errorf("before leaving the alternate screen: %q, want %q last", sent[max(0, off-40):off], tc.exit)
			}
			if strings.Index(sent, tc.enter) < on || strings.LastIndex(sent, tc.exit) > off {
				t.Errorf("the bidi switched on the main screen")
			}
		})
	}
}

// TestBriefOnTerminals: the briefing on a terminal probes it the same way,
// switches its bidi off before the first line and back on after the last,
// and starts within a second when the terminal answers nothing. mlterm
// draws its whole screen again with its bidi on once khatt has left, and
// Konsole cannot switch its bidi off: there the terminal reorders, and the
// briefing goes out in logical order.
func TestBriefOnTerminals(t *testing.T) {
	ft := faketerm(t)
	bin := buildKhatt(t)
	for _, tc := range []struct {
		kind, term string
		enter      bool
	}{
		{"silent", "xterm-256color", true},
		{"vte", "xterm-256color", true},
		{"mlterm", "mlterm", false},
		{"konsole", "xterm-256color", false},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			// faketerm stops reading when the program exits: a shell stays
			// a moment so that the last bytes are read.
			sent, f := runFake(t, ft, tc.kind, 4, []string{"TERM=" + tc.term}, "", "sh", "-c", bin+` brief seeds; s=$?; sleep 0.5; exit $s`)
			if f["exit"] != "0" {
				t.Errorf("exit %s", f["exit"])
			}
			if s := seconds(t, f, "first_arabic_s"); s >= 1 {
				t.Errorf("first line after %.2f s", s)
			}
			all := regexp.MustCompile("[\u0600-\u06FF\uFB50-\uFDFF\uFE70-\uFEFF]").FindAllStringIndex(sent, -1)
			var arabic []int
			last := -1
			if len(all) > 0 {
				arabic, last = all[0], all[len(all)-1][0]
			}
			enter, exit := strings.Index(sent, "\x1b[8l"), strings.LastIndex(sent, "\x1b[8h")
			if !tc.enter {
				if enter >= 0 || strings.Contains(sent, "5379") {
					t.Errorf("the terminal's bidi switched off, yet khatt leaves it the reordering")
				}
				if !strings.Contains(sent, "موجز الخط الزمني") {
					t.Errorf("the title is not in logical order")
				}
				return
			}
			if enter < 0 || arabic == nil || enter > arabic[0] {
				t.Errorf("the bidi is not switched off before the first line (at %d, Arabic at %v)", enter, arabic)
			}
			if exit < 0 || exit < last {
				t.Errorf("the bidi is not switched back on at the end: %q", sent[max(0, len(sent)-80):])
			}
		})
	}
}

// TestBriefStyleFollowsTheBackground: on a terminal that does not say its
// background, COLORFGBG decides the briefing's style (light text on dark,
// or dark text on light), as the reader's.
func TestBriefStyleFollowsTheBackground(t *testing.T) {
	ft := faketerm(t)
	bin := buildKhatt(t)
	colours := map[string]string{}
	for _, fgbg := range []string{"0;15", "15;0"} {
		sent, f := runFake(t, ft, "silent", 4, []string{"TERM=xterm-256color", "COLORFGBG=" + fgbg}, "", "sh", "-c", bin+` brief seeds; s=$?; sleep 0.5; exit $s`)
		if f["exit"] != "0" {
			t.Fatalf("COLORFGBG=%s: exit %s", fgbg, f["exit"])
		}
		colours[fgbg] = strings.Join(regexp.MustCompile(`\x1b\[38;5;\d+m`).FindAllString(sent, -1), "")
	}
	if colours["0;15"] == "" || colours["0;15"] == colours["15;0"] {
		t.Error("a light background (COLORFGBG=0;15) got the dark style")
	}
}

// TestBriefPager: on a terminal a briefing taller than it goes through
// $KHATT_PAGER (or $PAGER, or less); --pager never prints it; filters are
// named at its top.
func TestBriefPager(t *testing.T) {
	ft := faketerm(t)
	bin := buildKhatt(t)
	paged := filepath.Join(t.TempDir(), "paged")
	pager := "KHATT_PAGER=cat > " + paged + "; echo PAGER-RAN"
	sent, f := runFake(t, ft, "silent", 4, []string{"TERM=xterm-256color", pager}, "", "sh", "-c", bin+` brief seeds; s=$?; sleep 0.5; exit $s`)
	if f["exit"] != "0" || !strings.Contains(sent, "PAGER-RAN") {
		t.Fatalf("the pager did not run (exit %s)", f["exit"])
	}
	if b, err := os.ReadFile(paged); err != nil || !bytes.Contains(b, []byte("2021")) {
		t.Fatalf("the pager got no briefing: %v", err)
	}
	os.Remove(paged)
	sent, _ = runFake(t, ft, "silent", 4, []string{"TERM=xterm-256color", pager}, "", "sh", "-c", bin+` brief --pager never --type visit seeds; s=$?; sleep 0.5; exit $s`)
	if strings.Contains(sent, "PAGER-RAN") {
		t.Error("--pager never paged")
	}
	if _, err := os.Stat(paged); err == nil {
		t.Error("--pager never paged")
	}
	if !strings.Contains(sent, "2021") {
		t.Error("--pager never printed nothing")
	}
}

// TestReaderFollowsTheCorpus: articles added, changed and removed under a
// running reader show within two seconds (the status line's count of
// sources), the reader saying why.
func TestReaderFollowsTheCorpus(t *testing.T) {
	ft := faketerm(t)
	bin := buildKhatt(t)
	dir := t.TempDir()
	seed := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("seeds", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	os.WriteFile(filepath.Join(dir, "a.txt"), seed("002_47b55d47341a47b0.txt"), 0o644)
	go func() {
		time.Sleep(2500 * time.Millisecond)
		os.WriteFile(filepath.Join(dir, "b.txt"), seed("003_9a49e5548d0631c2.txt"), 0o644)
		time.Sleep(2500 * time.Millisecond)
		os.WriteFile(filepath.Join(dir, "b.txt"), seed("004_e78b460b308c2ca4.txt"), 0o644)
		time.Sleep(2500 * time.Millisecond)
		os.Remove(filepath.Join(dir, "a.txt"))
	}()
	env := []string{"TERM=xterm-256color", "KHATT_LANG=en", "XDG_CACHE_HOME=" + t.TempDir()}
	sent, _ := runFake(t, ft, "silent", 10, env, "", bin, dir)
	plain := regexp.MustCompile(`\x1b\[[0-9;?]*[a-zA-Z]`).ReplaceAllString(sent, "")
	one, two := strings.Index(plain, "· 1 source"), strings.Index(plain, "· 2 sources")
	again := strings.LastIndex(plain, "· 1 source")
	if one < 0 || two < one || again < two {
		t.Fatalf("the sources did not go 1 → 2 → 1 (at %d, %d, %d)", one, two, again)
	}
	// b.txt changed while two sources showed: two counts of events.
	counts := map[string]bool{}
	for _, m := range regexp.MustCompile(`(\d+) events? · 2 sources`).FindAllStringSubmatch(plain, -1) {
		counts[m[1]] = true
	}
	if len(counts) < 2 {
		t.Errorf("the change of b.txt did not show: event counts with two sources %v", counts)
	}
	if !strings.Contains(plain, "the corpus changed on disk") {
		t.Error("the reader did not say the corpus changed")
	}
}

// TestServeFollowsTheCorpus: khatt serve reloads when an article is added
// to its directory, as on SIGHUP (its log says so), and stops on SIGTERM.
func TestServeFollowsTheCorpus(t *testing.T) {
	bin := buildKhatt(t)
	dir, state := t.TempDir(), t.TempDir()
	b, err := os.ReadFile(filepath.Join("seeds", "002_47b55d47341a47b0.txt"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "a.txt"), b, 0o644)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(bin, "serve", "--listen", addr, "--host-key", filepath.Join(state, "hk"),
		"--authorized-keys", filepath.Join(state, "authorized_keys"), dir)
	cmd.Env = append(os.Environ(), "XDG_CACHE_HOME="+state)
	var log syncBuffer
	cmd.Stderr = &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	waitLog := func(want string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for !strings.Contains(log.String(), want) {
			if time.Now().After(deadline) {
				t.Fatalf("the log never said %q:\n%s", want, log.String())
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	waitLog("listening")
	b3, _ := os.ReadFile(filepath.Join("seeds", "003_9a49e5548d0631c2.txt"))
	os.WriteFile(filepath.Join(dir, "b.txt"), b3, 0o644)
	waitLog("from 2 sources")
	cmd.Process.Signal(syscall.SIGTERM)
	cmd.Wait()
}

// syncBuffer is a bytes.Buffer safe for a process writing and a test reading.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

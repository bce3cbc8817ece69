package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"

	"khatt/ui/rtl"
)

// TestEndToEndInTmux runs the built binary in tmux (a terminal that does no
// bidi), types keys and reads the screen back: Arabic must arrive joined,
// in visual order and right-aligned, the selected mention's sentence
// highlighted, and no line wider than the terminal.
func TestEndToEndInTmux(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	if testing.Short() {
		t.Skip("short mode")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "khatt")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	const w, h = 120, 36
	session := fmt.Sprintf("khatt-e2e-%d", os.Getpid())
	tmux := func(args ...string) string {
		out, err := exec.Command("tmux", append([]string{"-L", session}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	tmux("-f", "/dev/null", "new-session", "-d", "-s", session, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h),
		"env", "-u", "CI", "KHATT_BIDI=app", "TERM=xterm-256color", bin) // under CI=true the colour library drops all styling
	defer exec.Command("tmux", "-L", session, "kill-server").Run()
	capture := func(escapes bool) string {
		args := []string{"capture-pane", "-p", "-t", session}
		if escapes {
			args = append(args, "-e")
		}
		return tmux(args...)
	}
	waitFor := func(what string, ok func(string) bool) string {
		deadline := time.Now().Add(10 * time.Second)
		for {
			s := capture(false)
			if ok(s) {
				return s
			}
			if time.Now().After(deadline) {
				t.Fatalf("waiting for %s; screen:\n%s", what, s)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	visual := func(s string) string {
		rs := rtl.Shape([]rune(s), false)
		for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
			rs[i], rs[j] = rs[j], rs[i]
		}
		return string(rs)
	}
	title := visual("الخط الزمني")
	// A month heading is right-aligned inside the rightmost pane; in a
	// right-to-left line the year is drawn left of the month's name. The
	// reader shows before the corpus is loaded: wait for the events.
	heading := regexp.MustCompile(`│ {8,}20\d\d [^\s│]+│$`)
	hasHeading := func(s string) bool {
		for _, l := range strings.Split(s, "\n") {
			if heading.MatchString(strings.TrimRight(l, " ")) {
				return true
			}
		}
		return false
	}
	screen := waitFor("the timeline", func(s string) bool { return strings.Contains(s, title) && hasHeading(s) })
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	// The title is at the right end of the top border.
	if !strings.HasSuffix(strings.TrimRight(lines[0], " "), title+" ─╮") {
		t.Errorf("the timeline title is not at the top right: %q", lines[0])
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			t.Errorf("line %d is %d cells wide (terminal %d)", i, lw, w)
		}
	}
	// Open an event: its first mention is highlighted in the source pane.
	tmux("send-keys", "-t", session, "j", "j", "Enter")
	time.Sleep(300 * time.Millisecond)
	colored := capture(true)
	if !strings.Contains(colored, "\x1b[7m") {
		t.Errorf("no highlighted (reverse video) sentence after Enter:\n%s", colored)
	}
	// Search types q instead of quitting; Escape closes the search; q quits.
	tmux("send-keys", "-t", session, "/", "q")
	// The typed Latin text reads left to right after the prompt, the cursor
	// (a reversed no-break space) at its end.
	waitFor("the search line", func(s string) bool { return strings.Contains(s, "q\u00a0 :"+visual("بحث")) })
	// Escape and q in one write would read as Alt+q: send them apart.
	tmux("send-keys", "-t", session, "Escape")
	time.Sleep(200 * time.Millisecond)
	tmux("send-keys", "-t", session, "q")
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if exec.Command("tmux", "-L", session, "has-session", "-t", session).Run() != nil {
			return // the program quit and the session closed
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Error("q did not quit")
}

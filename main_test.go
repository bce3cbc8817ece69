package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"

	"khatt/corpus"
)

func runCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestExportSeeds(t *testing.T) {
	code, out, errs := runCmd("export", "--format", "json")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var x struct {
		Sources []map[string]any `json:"sources"`
		Events  []map[string]any `json:"events"`
	}
	if err := json.Unmarshal([]byte(out), &x); err != nil {
		t.Fatal(err)
	}
	if len(x.Sources) != 5 || len(x.Events) < 20 {
		t.Errorf("%d sources, %d events", len(x.Sources), len(x.Events))
	}
}

func TestExportPathsReportsBrokenFilesAndKeepsGoing(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("good.txt", "---\npublished: 2021-07-28\n---\nوصل إسماعيل قاآني إلى بغداد الثلاثاء.\n")
	write("bad.txt", "\x00\x01")
	code, out, errs := runCmd("export", dir)
	if code != exitPartial {
		t.Fatalf("exit %d with one good article and one broken, want %d", code, exitPartial)
	}
	if !strings.Contains(errs, filepath.Join(dir, "bad.txt")) || !strings.Contains(errs, "binary file") {
		t.Errorf("stderr %q should name the broken file and the problem", errs)
	}
	if !strings.Contains(out, "2021-07-27") {
		t.Errorf("the good article's event is missing: %s", out)
	}
}

func TestNoArticleIsAnError(t *testing.T) {
	code, _, errs := runCmd("export", filepath.Join(t.TempDir(), "missing.txt"))
	if code == 0 || !strings.Contains(errs, "missing.txt") || !strings.Contains(errs, "no article could be loaded") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

func TestBadUsage(t *testing.T) {
	if code, _, errs := runCmd("--no-such-flag"); code != 2 || !strings.Contains(errs, "no-such-flag") {
		t.Errorf("unknown flag: exit %d, stderr %q", code, errs)
	}
	if code, _, errs := runCmd("export", "--format", "xml"); code != 2 || !strings.Contains(errs, "xml") {
		t.Errorf("unknown format: exit %d, stderr %q", code, errs)
	}
	if code, out, _ := runCmd("--help"); code != 0 || !strings.Contains(out, "export") {
		t.Errorf("--help: exit %d, %q", code, out)
	}
	if code, _, errs := runCmd("--lexicon", "/nonexistent", "export"); code != 2 || !strings.Contains(errs, "/nonexistent") {
		t.Errorf("bad lexicon dir: exit %d, %q", code, errs)
	}
}

func TestBriefWhenNotATerminal(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	for _, args := range [][]string{{"brief"}, {}} { // the reader prints the briefing too
		code, out, errs := runCmd(args...)
		if code != 0 || errs != "" {
			t.Fatalf("%v: exit %d, %q", args, code, errs)
		}
		if !strings.HasPrefix(out, "<div dir=\"rtl\" lang=\"ar\">") || !strings.Contains(out, "# موجز الخط الزمني") || !strings.Contains(out, "> ") {
			t.Errorf("%v: not a right-to-left Markdown briefing:\n%.300s", args, out)
		}
	}
	code, out, _ := runCmd("brief", "--lang", "en", "--type", "visit", "--since", "2021")
	if code != 0 || !strings.Contains(out, "# Timeline briefing") || strings.Contains(out, "statement") {
		t.Errorf("english visits since 2021: exit %d\n%.400s", code, out)
	}
	code, out, _ = runCmd("brief", "--query", "لا يوجد هذا النص أبدا")
	if code != 0 || !strings.Contains(out, "لا أحداث") {
		t.Errorf("empty result: exit %d\n%s", code, out)
	}
}

func TestBriefRenderedForATerminalWidth(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	code, out, _ := runCmd("brief", "--width", "70", "--style", "notty", "--bidi", "app", "--until", "2020")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, l := range strings.Split(out, "\n") {
		if w := lipgloss.Width(l); w > 70 {
			t.Errorf("line %d cells wide: %q", w, l)
		}
	}
	// Drawn through the bidi step: joined letters, in visual order.
	if !strings.Contains(out, "ﺯﻮﺟﻮﻣ") && !strings.Contains(out, "ﺰﺟﻮﻣ") {
		t.Errorf("the title is not shaped and reordered:\n%.300s", out)
	}
}

func TestVersionAndHelp(t *testing.T) {
	if code, out, _ := runCmd("--version"); code != 0 || !strings.HasPrefix(out, "khatt ") {
		t.Errorf("--version: %d %q", code, out)
	}
	for _, c := range []string{"brief", "export"} {
		code, out, _ := runCmd(c, "--help")
		if code != 0 || !strings.Contains(out, "khatt "+c) || !strings.Contains(out, "Examples:") || !strings.Contains(out, "-since") {
			t.Errorf("%s --help: %d\n%s", c, code, out)
		}
	}
	if code, out, _ := runCmd("--help"); code != 0 || !strings.Contains(out, "khatt brief") || !strings.Contains(out, "-bidi") {
		t.Errorf("--help: %d\n%s", code, out)
	}
	// help and version are words, not paths.
	if code, out, errs := runCmd("version"); code != 0 || !strings.HasPrefix(out, "khatt ") || errs != "" {
		t.Errorf("version: %d %q %q", code, out, errs)
	}
	if code, out, errs := runCmd("help"); code != 0 || !strings.Contains(out, "khatt brief") || errs != "" {
		t.Errorf("help: %d %q %q", code, out, errs)
	}
	if code, out, _ := runCmd("help", "export"); code != 0 || !strings.Contains(out, "khatt export") || !strings.Contains(out, "-format") {
		t.Errorf("help export: %d\n%s", code, out)
	}
	if code, out, errs := runCmd("help", "exprot"); code != 2 || out != "" || !strings.Contains(errs, `no command "exprot"`) {
		t.Errorf("help exprot: %d %q %q", code, out, errs)
	}
}

func TestBadDatesAndFlagsAreOneLine(t *testing.T) {
	for _, args := range [][]string{
		{"export", "--since", "yesterday"},
		{"brief", "--until", "2021-13"},
		{"export", "--type", "party"},
		{"brief", "--style", "neon"},
		{"--lang", "fr"},
		{"export", "--frobnicate"},
		{"export", "--min-confidence", "high"},
		{"brief", "--min-confidence", "150"},
	} {
		code, out, errs := runCmd(args...)
		if code != 2 || out != "" || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
}

func TestHostileBytesNeverReachStderr(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "x\x1b]52;c;cHduZWQ=\x07.txt")
	if err := os.WriteFile(name, []byte("\x00"), 0o644); err != nil {
		t.Skip("this file system refuses such names:", err)
	}
	_, _, errs := runCmd("export", dir)
	if strings.ContainsAny(errs, "\x1b\x07") || !strings.Contains(errs, "␛") {
		t.Errorf("stderr %q", errs)
	}
	code, _, errs := runCmd("brief", "--width", "80", "--bidi", strings.Repeat("\x1b[2J", 30000))
	if code != 2 || len(errs) > 1000 || strings.ContainsRune(errs, 0x1b) {
		t.Errorf("a long hostile KHATT_BIDI: exit %d, %d bytes of stderr", code, len(errs))
	}
}

func TestConfigFIFODoesNotHang(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	os.MkdirAll(filepath.Join(dir, "khatt"), 0o755)
	if err := syscall.Mkfifo(filepath.Join(dir, "khatt", "config.toml"), 0o644); err != nil {
		t.Skip("no FIFOs:", err)
	}
	done := make(chan string, 1)
	go func() {
		_, _, errs := runCmd("export")
		done <- errs
	}()
	select {
	case errs := <-done:
		if !strings.Contains(errs, "config.toml") || !strings.Contains(errs, "not a regular file") {
			t.Errorf("stderr %q", errs)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a FIFO config file hangs the start")
	}
}

func TestMaxFileSize(t *testing.T) {
	dir := t.TempDir()
	art := "---\npublished: 2021-07-28\n---\nوصل إسماعيل قاآني إلى بغداد الثلاثاء.\n"
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte(art), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runCmd("export", "--max-file-size", "20", dir); code != 1 || !strings.Contains(errs, "larger than the 20 bytes limit") {
		t.Errorf("exit %d, %q", code, errs)
	}
	if code, _, _ := runCmd("export", "--max-file-size", "1KB", dir); code != 0 {
		t.Errorf("1KB: exit %d", code)
	}
	if code, _, _ := runCmd("export", "--max-file-size", "lots", dir); code != 2 {
		t.Errorf("a bad size: exit %d", code)
	}
}

func TestMinConfidenceInEveryCommand(t *testing.T) {
	count := func(args ...string) int {
		code, out, errs := runCmd(append([]string{"export", "--format", "jsonl"}, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d %q", args, code, errs)
		}
		return strings.Count(out, "\n")
	}
	all, dflt, strict := count("--min-confidence", "0"), count(), count("--min-confidence", "90%")
	if !(all >= dflt && dflt > strict && strict > 0) {
		t.Errorf("all %d, default %d, ≥90%% %d: a higher threshold keeps fewer events", all, dflt, strict)
	}
	_, brief, _ := runCmd("brief", "--min-confidence", "0.9")
	_, briefAll, _ := runCmd("brief", "--min-confidence", "0")
	if len(brief) >= len(briefAll) {
		t.Error("brief ignores --min-confidence")
	}
	for _, cmd := range []string{"brief", "export", "serve"} {
		if _, out, _ := runCmd(cmd, "--help"); !strings.Contains(out, "-min-confidence") {
			t.Errorf("%s --help lacks --min-confidence", cmd)
		}
	}
	if _, out, _ := runCmd("--help"); !strings.Contains(out, "min-confidence") {
		t.Error("the reader's --help lacks --min-confidence")
	}
}

func TestConfigFile(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("KHATT_LANG", "")
	if err := os.MkdirAll(filepath.Join(dir, "khatt", "corpus"), 0o755); err != nil {
		t.Fatal(err)
	}
	art := "---\npublished: 2019-03-12\n---\nوصل وزير الخارجية الأردني أيمن الصفدي إلى بغداد، ظهر يوم الاثنين.\n"
	if err := os.WriteFile(filepath.Join(dir, "khatt", "corpus", "a.txt"), []byte(art), 0o644); err != nil {
		t.Fatal(err)
	}
	write := func(s string) {
		if err := os.WriteFile(filepath.Join(dir, "khatt", "config.toml"), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("lang = \"en\"\ncorpus = [\"corpus\"]\n")
	code, out, errs := runCmd("export", "--format", "jsonl")
	if code != 0 || !strings.Contains(out, "أيمن الصفدي") || strings.Contains(out, "قاآني") {
		t.Errorf("config corpus: %d %q %.200s", code, errs, out)
	}
	if _, out, _ := runCmd("brief"); !strings.Contains(out, "Timeline briefing") {
		t.Error("config lang not used")
	}
	if _, out, _ := runCmd("brief", "--lang", "ar"); !strings.Contains(out, "موجز") {
		t.Error("a flag must override the config")
	}
	write("lang = \"en\"\nbidi = [oops\n")
	if code, _, errs := runCmd("export"); code != 2 || !strings.Contains(errs, "config.toml:2") {
		t.Errorf("malformed config: %d %q", code, errs)
	}
	write("colour = \"red\"\n")
	if code, _, errs := runCmd("export"); code != 2 || !strings.Contains(errs, "colour") {
		t.Errorf("unknown setting: %d %q", code, errs)
	}
}

// TestCSVByteOrderMark: --bom starts a CSV with the UTF-8 BOM Excel needs
// to read Arabic; without it there is none; it is refused for other formats.
func TestCSVByteOrderMark(t *testing.T) {
	if code, out, _ := runCmd("export", "--format", "csv", "--bom"); code != 0 || !strings.HasPrefix(out, "\ufeffid,type,") {
		t.Errorf("--bom: %d %q", code, out[:min(len(out), 20)])
	}
	if _, out, _ := runCmd("export", "--format", "csv"); strings.HasPrefix(out, "\ufeff") {
		t.Error("a BOM without --bom")
	}
	if code, _, errs := runCmd("export", "--format", "json", "--bom"); code != 2 || !strings.Contains(errs, "--bom is for --format csv") {
		t.Errorf("--bom with json: %d %q", code, errs)
	}
	if _, _, errs := runCmd("export", "--format", "ics"); !strings.Contains(errs, "known only to the month or the year are not in the calendar") {
		t.Errorf("ics does not say what it left out: %q", errs)
	}
}

// TestFetchCommand: khatt fetch writes a feed's items and says so; a feed
// that fails is named on stderr with exit status 1, the others still done.
func TestFetchCommand(t *testing.T) {
	feed := `<?xml version="1.0"?><rss version="2.0"><channel><title>وكالة</title><link>https://a.test/</link>
<item><title>زيارة</title><link>https://a.test/1</link><guid>1</guid><pubDate>Sun, 12 Mar 2023 14:05:00 +0300</pubDate>
<description>وصل وزير الخارجية الأردني أيمن الصفدي إلى بغداد في زيارة رسمية.</description></item></channel></rss>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/rss" {
			w.Write([]byte(feed))
			return
		}
		http.Error(w, "gone", http.StatusGone)
	}))
	defer srv.Close()
	dir := t.TempDir()
	code, out, errs := runCmd("fetch", "--into", dir, "--interval", "0s", srv.URL+"/rss", srv.URL+"/gone")
	if code != 1 || !strings.Contains(out, "/rss: 1 new, 0 already fetched") || !strings.Contains(errs, "/gone: the server answered 410") {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", code, out, errs)
	}
	code, out, _ = runCmd("fetch", "--into", dir, "--interval", "0s", srv.URL+"/rss")
	if code != 0 || !strings.Contains(out, "0 new, 1 already fetched") {
		t.Fatalf("again: exit %d %s", code, out)
	}
	if code, out, _ := runCmd("export", "--no-cache", "--format", "jsonl", dir); code != 0 || !strings.Contains(out, `"visit"`) {
		t.Errorf("the fetched corpus: exit %d %s", code, out)
	}
}

// TestMemoryPolicy: an export or a briefing collects only at the memory
// limit (on a machine with twice the limit); the reader and the server
// keep the collector's pacing, tripled for a small corpus; GOGC and
// GOMEMLIMIT, when set, decide.
func TestMemoryPolicy(t *testing.T) {
	oldPercent := debug.SetGCPercent(100)
	oldLimit := debug.SetMemoryLimit(-1)
	t.Cleanup(func() {
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
	})
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	small := []corpus.File{{Size: 70 << 20}}
	percent := func() int { p := debug.SetGCPercent(100); return p }
	if ram := physicalMemory(); ram >= 2*(768<<20) {
		setMemoryLimit(small, true)
		if p := percent(); p >= 0 {
			t.Errorf("export: GOGC %d, want the limit alone (-1)", p)
		}
		if l := debug.SetMemoryLimit(-1); l != 768<<20 {
			t.Errorf("export of 70 MB: limit %d, want 768 MiB", l)
		}
	}
	setMemoryLimit(small, false)
	if p := percent(); p != 200 {
		t.Errorf("reader, small corpus: GOGC %d, want 200", p)
	}
	setMemoryLimit([]corpus.File{{Size: 700 << 20}}, false)
	if p := percent(); p != 100 {
		t.Errorf("reader, large corpus: GOGC %d, want 100 (untouched)", p)
	}
	t.Setenv("GOGC", "150")
	debug.SetGCPercent(150)
	setMemoryLimit(small, true)
	if p := percent(); p != 150 {
		t.Errorf("GOGC set: %d, want it kept (150)", p)
	}
}

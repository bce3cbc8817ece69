package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/encoding/unicode"

	"khatt/model"
)

// loadDir loads a real directory the way the command line does.
func loadDir(t *testing.T, dir string) ([]model.Source, string) {
	t.Helper()
	done := make(chan struct{})
	var srcs []model.Source
	var problems []error
	go func() {
		srcs, problems = Load(PathRoots([]string{dir}))
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the loader hangs")
	}
	var msgs []string
	for _, p := range problems {
		msgs = append(msgs, p.Error())
	}
	return srcs, strings.Join(msgs, "\n")
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestSpecialFilesAreRefusedByKind(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "good.txt"), article)
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.txt"), 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "passwd.txt")); err != nil {
		t.Fatal(err)
	}
	srcs, msgs := loadDir(t, dir)
	if len(srcs) != 1 {
		t.Errorf("%d articles, want the good one", len(srcs))
	}
	for _, want := range []string{"fifo.txt: not a regular file (a FIFO)", "zero.txt: ", "passwd.txt: a link that leads outside the corpus"} {
		if !strings.Contains(msgs, want) {
			t.Errorf("no %q in:\n%s", want, msgs)
		}
	}
}

func TestLinksInsideTheCorpusAreRead(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a", "one.txt"), article)
	if err := os.Symlink(filepath.Join("a", "one.txt"), filepath.Join(dir, "two.txt")); err != nil {
		t.Fatal(err)
	}
	if srcs, msgs := loadDir(t, dir); len(srcs) != 2 {
		t.Errorf("%d articles: %s", len(srcs), msgs)
	}
}

func TestSizeCap(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "big.txt"), strings.Repeat(article, 100))
	write(t, filepath.Join(dir, "small.txt"), article)
	roots := PathRoots([]string{dir})
	roots[0].MaxBytes = 1000
	srcs, problems := Load(roots)
	if len(srcs) != 1 || len(problems) != 1 || !strings.Contains(problems[0].Error(), "larger than the 1000 bytes limit") {
		t.Errorf("%d articles, problems %v", len(srcs), problems)
	}
}

func TestSkippedDirectoriesAreNamed(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every directory")
	}
	dir := t.TempDir()
	write(t, filepath.Join(dir, "good.txt"), article)
	write(t, filepath.Join(dir, "locked", "hidden.txt"), article)
	if err := os.Chmod(filepath.Join(dir, "locked"), 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(filepath.Join(dir, "locked"), 0o755)
	srcs, msgs := loadDir(t, dir)
	if len(srcs) != 1 || !strings.Contains(msgs, "locked: skipped") {
		t.Errorf("%d articles, problems:\n%s", len(srcs), msgs)
	}
}

func TestExtensionsInAnyCase(t *testing.T) {
	srcs, problems := loadMap(t, map[string]string{"A.TXT": article, "b.markdown": article, "c.Md": article,
		"d.HTM": "<html><body><p>" + article + "</p></body></html>", "e.docx": article})
	if len(srcs) != 4 || len(problems) != 0 {
		t.Errorf("%d articles, %v", len(srcs), problems)
	}
}

func TestControlsNeverReachTheText(t *testing.T) {
	text := "---\ntitle: عنوان\x1b]0;pwned\x07\n---\nقال الوزير\x1b[2J إن \u009b31mالزيارة ناجحة.\n"
	srcs, problems := loadMap(t, map[string]string{"x\x1b[31m.txt": text})
	if len(srcs) != 1 {
		t.Fatalf("problems %v", problems)
	}
	s := srcs[0]
	if len(s.Text) != len(text) {
		t.Errorf("offsets moved: %d bytes, want %d", len(s.Text), len(text))
	}
	for _, f := range []string{s.Text, s.Title} {
		if strings.ContainsAny(f, "\x1b\x07\u009b") {
			t.Errorf("a control survives in %q", f)
		}
	}
	_, problems = loadMap(t, map[string]string{"bad\x1b]52;c;eA==\x07.txt": "\x00"})
	if len(problems) != 1 || strings.ContainsAny(problems[0].Error(), "\x1b\x07") || !strings.Contains(problems[0].Error(), "␛") {
		t.Errorf("a file name's controls reach the message: %q", problems)
	}
}

func TestEncodingsAndDates(t *testing.T) {
	enc, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String("---\npublished: 2021-07-27\n---\n" + article)
	noBOM, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().String(article)
	srcs, problems := loadMap(t, map[string]string{
		"utf16.txt":   enc,
		"nobom.txt":   noBOM,
		"digits.txt":  "---\npublished: ٢٠٢١-٠٧-٢٧\n---\n" + article,
		"year0.txt":   "---\npublished: 0000-01-01\n---\n" + article,
		"year9.txt":   "---\npublished: 9999-12-31\n---\n" + article,
		"twice.txt":   "---\ntitle: a\ntitle: b\n---\n" + article,
		"persian.txt": "---\npublished: ۲۰۲۱-۰۷-۲۷\n---\n" + article,
	})
	got := map[string]string{}
	for _, s := range srcs {
		got[s.ID] = s.Published.String()
	}
	if got["utf16"] != "2021-07-27" || got["digits"] != "2021-07-27" || got["persian"] != "2021-07-27" {
		t.Errorf("loaded %v", got)
	}
	var msgs []string
	for _, p := range problems {
		msgs = append(msgs, p.Error())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"nobom.txt: looks like UTF-16 without a byte-order mark", "year0.txt:2: published: year 0 is outside",
		"year9.txt:2: published: year 9999 is outside", `twice.txt:3: front matter: "title" given twice (first on line 2)`} {
		if !strings.Contains(all, want) {
			t.Errorf("no %q in:\n%s", want, all)
		}
	}
}

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	if code != 0 {
		t.Fatalf("exit %d with one good article", code)
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

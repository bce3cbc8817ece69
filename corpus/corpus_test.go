package corpus

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"khatt/model"
)

const article = "زار وزير الخارجية الأردني أيمن الصفدي بغداد يوم الاثنين.\n"

func loadMap(t *testing.T, files map[string]string) ([]model.Source, []error) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return Load([]Root{{FS: fsys, Path: "."}})
}

func TestLoadReportsEachBrokenFileAndKeepsTheOthers(t *testing.T) {
	srcs, problems := loadMap(t, map[string]string{
		"good.txt":          article,
		"nul.txt":           "abc\x00def",
		"latin1.txt":        "ok\n\xe9t\xe9",
		"empty.md":          " \n\t\n",
		"open.md":           "---\ntitle: x\n" + article,
		"badkey.txt":        "---\ntitle x\n---\n" + article,
		"baddate.txt":       "---\npublished: 8/4/2021\n---\n" + article,
		"nobody.txt":        "---\ntitle: t\n---\n\n",
		"notes.json":        "{}", // not an article: ignored
		"sub/also-good.txt": article,
	})
	if len(srcs) != 2 {
		t.Errorf("loaded %d articles, want the 2 good ones", len(srcs))
	}
	want := map[string]string{
		"nul.txt":     "byte 3: binary file",
		"latin1.txt":  "latin1.txt:2: invalid UTF-8 at byte 3",
		"empty.md":    "empty file",
		"open.md":     "open.md:1: front matter opened with --- is never closed",
		"badkey.txt":  "badkey.txt:2: front matter: want \"key: value\"",
		"baddate.txt": "baddate.txt:2: published: bad date \"8/4/2021\"",
		"nobody.txt":  "no article text after the front matter",
	}
	if len(problems) != len(want) {
		t.Errorf("got %d problems, want %d: %v", len(problems), len(want), problems)
	}
	for _, p := range problems {
		var le *LoadError
		if !errors.As(p, &le) {
			t.Errorf("problem %v is not a *LoadError", p)
			continue
		}
		w, ok := want[le.Path]
		if !ok {
			t.Errorf("unexpected problem %v", p)
			continue
		}
		if !strings.Contains(p.Error(), w) || !strings.HasPrefix(p.Error(), le.Path) {
			t.Errorf("problem %q, want it to name the file and say %q", p, w)
		}
	}
}

func TestFrontMatterBOMAndCRLF(t *testing.T) {
	text := "\xef\xbb\xbf---\r\ntitle: عنوان\r\noutlet: الجريدة\r\npublished: 2021-07-27T10:00:00+03:00\r\nurl: https://example.com/a\r\nsection: سياسة\r\n---\r\n" + strings.ReplaceAll(article, "\n", "\r\n")
	srcs, problems := loadMap(t, map[string]string{"a.md": text})
	if len(problems) > 0 || len(srcs) != 1 {
		t.Fatalf("problems %v", problems)
	}
	s := srcs[0]
	if s.ID != "a" || s.Title != "عنوان" || s.Outlet != "الجريدة" || s.URL != "https://example.com/a" ||
		s.Published.String() != "2021-07-27" || s.Extra["section"] != "سياسة" {
		t.Errorf("source = %+v", s)
	}
	if strings.HasPrefix(s.Text, "\xef\xbb\xbf") {
		t.Error("BOM kept in the text")
	}
	if !strings.HasPrefix(s.Text[s.BodyStart:], "زار") {
		t.Errorf("body starts with %q", s.Text[s.BodyStart:s.BodyStart+10])
	}
}

func TestMetaFileAndFrontMatterPrecedence(t *testing.T) {
	srcs, problems := loadMap(t, map[string]string{
		"d/meta.ini": "[a.txt]\noutlet: من الملف\npublished: 2020-01-02\n\n[b.txt]\npublished: 2020-03-04\n",
		"d/a.txt":    "---\noutlet: من المقال\n---\n" + article,
		"d/b.txt":    article,
	})
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	got := map[string]model.Source{}
	for _, s := range srcs {
		got[s.ID] = s
	}
	if got["a"].Outlet != "من المقال" || got["a"].Published.String() != "2020-01-02" {
		t.Errorf("a = %q %s: front matter must win, metadata fill the rest", got["a"].Outlet, got["a"].Published)
	}
	if got["b"].Published.String() != "2020-03-04" {
		t.Errorf("b published %s", got["b"].Published)
	}
}

func TestBrokenMetaFileIsReportedButArticlesLoad(t *testing.T) {
	srcs, problems := loadMap(t, map[string]string{
		"meta.ini": "[a.txt]\nthis line is wrong\n",
		"a.txt":    article,
	})
	if len(srcs) != 1 || len(problems) != 1 || !strings.Contains(problems[0].Error(), "meta.ini:2") {
		t.Errorf("srcs %d, problems %v", len(srcs), problems)
	}
}

func TestDuplicateNamesGetDistinctIDs(t *testing.T) {
	srcs, _ := loadMap(t, map[string]string{"x/a.txt": article, "y/a.txt": article})
	if len(srcs) != 2 || srcs[0].ID == srcs[1].ID {
		t.Errorf("ids %q %q", srcs[0].ID, srcs[1].ID)
	}
}

func TestPublishedFormats(t *testing.T) {
	for in, want := range map[string]string{"2021-07-27": "2021-07-27", "2021-07-27T23:30:00Z": "2021-07-27"} {
		d, err := parsePublished(in)
		if err != nil || d.String() != want || d.Precision != model.Day {
			t.Errorf("%s: %v %v", in, d, err)
		}
	}
	_ = time.UTC
}

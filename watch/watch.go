// Package watch tells when the article files of a corpus on disk are
// added, changed or removed, for a reader and a server that follow a corpus
// growing while they run.
package watch

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watcher watches directories recursively.
type Watcher struct {
	w        *fsnotify.Watcher
	relevant func(name string) bool
	files    map[string]bool // paths given as files: only they count in their directory
	dirs     map[string]bool // every directory watched
	tree     map[string]bool // directories given, and those under them
	done     chan struct{}
	wg       sync.WaitGroup
	mu       sync.Mutex
}

// New watches the paths (directories recursively, and files) and calls
// changed, at most once per quiet period, after files for which relevant
// holds (article files, metadata files) are created, written, removed or
// renamed, or directories come or go. Close stops it.
func New(paths []string, relevant func(name string) bool, quiet time.Duration, changed func()) (*Watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &Watcher{w: fw, relevant: relevant, files: map[string]bool{}, dirs: map[string]bool{}, tree: map[string]bool{}, done: make(chan struct{})}
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			fw.Close()
			return nil, err
		}
		info, err := os.Stat(abs)
		if err != nil {
			fw.Close()
			return nil, err
		}
		if info.IsDir() {
			if err := w.addTree(abs); err != nil {
				fw.Close()
				return nil, err
			}
			continue
		}
		w.files[abs] = true
		if err := w.add(filepath.Dir(abs)); err != nil {
			fw.Close()
			return nil, err
		}
	}
	w.wg.Add(1)
	go w.loop(quiet, changed)
	return w, nil
}

func (w *Watcher) add(dir string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.dirs[dir] {
		return nil
	}
	if err := w.w.Add(dir); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	w.dirs[dir] = true
	return nil
}

// addTree watches a directory and every directory under it (not hidden
// ones, as the corpus does not read them).
func (w *Watcher) addTree(root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // unreadable: the corpus reports it
		}
		if d.IsDir() {
			if p != root && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			w.mu.Lock()
			w.tree[p] = true
			w.mu.Unlock()
			return w.add(p)
		}
		return nil
	})
}

// counts reports whether an event on name concerns the corpus: a file
// given, a directory of a tree, or a relevant file in a tree's directory
// (not another file beside a file given).
func (w *Watcher) counts(name string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	switch {
	case w.files[name], w.tree[name]:
		return true
	case strings.HasPrefix(filepath.Base(name), "."):
		return false
	}
	return w.tree[filepath.Dir(name)] && w.relevant(name)
}

func (w *Watcher) loop(quiet time.Duration, changed func()) {
	defer w.wg.Done()
	var timer *time.Timer
	var fire <-chan time.Time
	for {
		select {
		case <-w.done:
			if timer != nil {
				timer.Stop()
			}
			return
		case ev, ok := <-w.w.Events:
			if !ok {
				return
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() && !strings.HasPrefix(filepath.Base(ev.Name), ".") {
					w.mu.Lock()
					inTree := w.tree[filepath.Dir(ev.Name)]
					w.mu.Unlock()
					if inTree {
						w.addTree(ev.Name) // a new directory: its files are found by the next scan
					}
				}
			}
			counted := ev.Op != fsnotify.Chmod && w.counts(ev.Name)
			if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
				w.mu.Lock() // a directory gone is forgotten
				delete(w.tree, ev.Name)
				delete(w.dirs, ev.Name)
				w.mu.Unlock()
			}
			if !counted {
				continue
			}
			if timer == nil {
				timer = time.NewTimer(quiet)
			} else {
				timer.Reset(quiet)
			}
			fire = timer.C
		case <-fire:
			fire = nil
			changed()
		case <-w.w.Errors:
			// An overflow or a lost watch: look again, to be safe.
			if timer == nil {
				timer = time.NewTimer(quiet)
			} else {
				timer.Reset(quiet)
			}
			fire = timer.C
		}
	}
}

// Close stops watching.
func (w *Watcher) Close() error {
	close(w.done)
	err := w.w.Close()
	w.wg.Wait()
	return err
}

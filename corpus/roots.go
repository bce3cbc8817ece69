package corpus

import (
	"io/fs"
	"os"
	"path/filepath"
)

// PathRoots turns command-line paths (files or directories, relative or
// absolute) into roots on the local file system, shown as the user wrote
// them.
func PathRoots(paths []string) []Root {
	roots := make([]Root, 0, len(paths))
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			abs = p
		}
		dir, base := filepath.Dir(abs), filepath.Base(abs)
		given := p
		if info, err := os.Stat(abs); err == nil && info.IsDir() {
			dir, base = abs, "."
		}
		d := given
		// os.Root confines reads to the tree: a link that leads outside it
		// (to /etc/passwd, to /dev/zero) is refused, not followed.
		var fsys fs.FS = os.DirFS(dir)
		if root, err := os.OpenRoot(dir); err == nil {
			fsys = root.FS()
		}
		roots = append(roots, Root{FS: fsys, Path: base, Abs: dir, Display: func(n string) string {
			if n == "." || n == filepath.Base(d) && base != "." {
				return d
			}
			if base == "." {
				return filepath.Join(d, filepath.FromSlash(n))
			}
			return filepath.Join(filepath.Dir(d), filepath.FromSlash(n))
		}})
	}
	return roots
}

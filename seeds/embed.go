// Package seeds holds khatt's default corpus: five Arabic news articles
// (2020–2021) and the metadata file that dates them.
package seeds

import "embed"

// FS holds the seed articles and meta.ini, at the root of the file system.
//
//go:embed *.txt meta.ini
var FS embed.FS

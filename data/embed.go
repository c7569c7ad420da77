// Package data embeds dateline's knowledge files (countries, organisations, agents, people,
// CAMEO tables, verb patterns) so that the binary needs nothing on disk.
package data

import "embed"

// Files holds every knowledge file under data/, by its path relative to data/.
//
//go:embed *.tsv *.txt *.md people sample
var Files embed.FS

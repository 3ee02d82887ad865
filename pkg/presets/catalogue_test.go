package presets

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/perfscope/perfscope/pkg/internal/jsondiff"
)

// One list: the embedded catalogue is src/scoring/presets/catalogue.json, byte for byte.
func TestCatalogueIsACopyOfTheSource(t *testing.T) {
	source, err := os.ReadFile(filepath.Join("..", "..", "src", "scoring", "presets", "catalogue.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(source, CatalogueJSON()) {
		t.Fatal("pkg/presets/catalogue.json differs from src/scoring/presets/catalogue.json: run `go generate ./pkg/presets` (it copies the source) and commit the copy")
	}
}

// The Go types hold every field of presetCatalogue.ts: a preset written back is the catalogue's own entry.
func TestCatalogueTypesMirrorTheTypeScript(t *testing.T) {
	var doc struct{ Presets []json.RawMessage }
	if err := json.Unmarshal(CatalogueJSON(), &doc); err != nil {
		t.Fatal(err)
	}
	c := All()
	if len(c.Presets) != len(doc.Presets) || len(c.HTTP())+len(c.Resources()) != len(c.Presets) || len(c.HTTP()) == 0 || len(c.Resources()) == 0 {
		t.Fatalf("%d presets (%d http, %d resources), the catalogue has %d", len(c.Presets), len(c.HTTP()), len(c.Resources()), len(doc.Presets))
	}
	for i, p := range c.Presets {
		var want any
		if err := json.Unmarshal(doc.Presets[i], &want); err != nil {
			t.Fatal(err)
		}
		if d := jsondiff.Difference(asJSON(t, p), want, p.ID()); d != "" {
			t.Errorf("%s", d)
		}
		if found, ok := c.ByID(p.ID()); !ok || found.ID() != p.ID() {
			t.Errorf("ByID(%q)", p.ID())
		}
	}
}

func TestParseCatalogueRefusesWhatGoDoesNotKnow(t *testing.T) {
	for doc, want := range map[string]string{
		`{"presets": [{"id": "x", "kind": "grpc"}]}`:                          `kind "grpc" is not http or resources`,
		`{"presets": [{"id": "x", "kind": "resources", "weights": [1]}]}`:     `unknown field "weights"`,
		`{"presets": [], "version": 2}`:                                       `unknown field "version"`,
		`{"presets": [{"id": "x", "kind": "http", "duration": {"unit": 1}}]}`: `preset "x"`,
	} {
		if _, err := ParseCatalogue([]byte(doc)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", doc, err, want)
		}
	}
}

package main

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/perfscope/perfscope/tools/fixtures"
)

// The checked-in recordings are exactly what the fixture Prometheus and the backend datasource answer now.
func TestRecordingsAreUpToDate(t *testing.T) {
	fixtures.PrometheusURL(t)
	stale, err := run(context.Background(), filepath.Join("..", "..", "testdata", "frames"), true)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range stale {
		t.Errorf("%s is out of date: run scripts/record-frames.sh", path)
	}
}

//go:build linux

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/perfscope/perfscope/tools/fixtures"
)

// prometheus is Debian's prometheus over the backfilled blocks with the rule files, scraping the live data,
// started and stopped as the fixtures' servers are (fixtures.Launch).
type prometheus struct{ *fixtures.Server }

func startPrometheus(ctx context.Context, work, data, target string, rules []string) (*prometheus, error) {
	addr, err := fixtures.ListenAddr(0)
	if err != nil {
		return nil, err
	}
	quoted := make([]string, len(rules))
	for i, r := range rules {
		quoted[i] = strconv.Quote(r)
	}
	// The scraped series drop job and instance, so they continue the backfilled ones.
	config := fmt.Sprintf(`global:
  scrape_interval: %s
  evaluation_interval: 1m
rule_files: [%s]
scrape_configs:
  - job_name: fleet
    static_configs: [{targets: [%q]}]
    metric_relabel_configs: [{action: labeldrop, regex: job|instance}]
`, scrapeStep, strings.Join(quoted, ", "), target)
	path := filepath.Join(work, "prometheus.yml")
	if err := os.WriteFile(path, []byte(config), 0o600); err != nil {
		return nil, err
	}
	s, err := fixtures.Launch(ctx, "prometheus", "http://"+addr, "/-/ready", 2*time.Minute,
		exec.Command("prometheus", //nolint:gosec // G204: Debian's prometheus on our own paths and port
			"--config.file="+path, "--storage.tsdb.path="+data, "--storage.tsdb.retention.time=10y",
			"--web.listen-address="+addr, "--log.level=warn"))
	if err != nil {
		return nil, err
	}
	return &prometheus{s}, nil
}

func (p *prometheus) get(path string, out any) error {
	client := &http.Client{Timeout: time.Minute}
	resp, err := client.Get(p.URL + path)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var body struct {
		Status string          `json:"status"`
		Error  string          `json:"error"`
		Data   json.RawMessage `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if body.Status != "success" {
		return fmt.Errorf("%s: %s", path, body.Error)
	}
	return json.Unmarshal(body.Data, out)
}

// groups reads /api/v1/rules.
func (p *prometheus) groups() ([]ruleGroup, error) {
	var data struct {
		Groups []ruleGroup `json:"groups"`
	}
	err := p.get("/api/v1/rules", &data)
	return data.Groups, err
}

// count is the number of series matching a selector now.
func (p *prometheus) count(selector string) (int, error) {
	var data struct {
		Result []struct {
			Value [2]any `json:"value"`
		} `json:"result"`
	}
	if err := p.get("/api/v1/query?query="+url.QueryEscape("count("+selector+")"), &data); err != nil {
		return 0, err
	}
	if len(data.Result) == 0 {
		return 0, nil
	}
	s, _ := data.Result[0].Value[1].(string)
	return strconv.Atoi(s)
}

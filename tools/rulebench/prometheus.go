//go:build linux

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// prometheus is Debian's prometheus over the backfilled blocks with the rule files, scraping the live data.
type prometheus struct {
	url    string
	cmd    *exec.Cmd
	log    *bytes.Buffer
	exited chan error
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("no free port on 127.0.0.1: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func startPrometheus(ctx context.Context, work, data, target string, rules []string) (*prometheus, error) {
	port, err := freePort()
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
	addr := "127.0.0.1:" + strconv.Itoa(port)
	p := &prometheus{url: "http://" + addr, log: &bytes.Buffer{}, exited: make(chan error, 1)}
	p.cmd = exec.Command("prometheus", //nolint:gosec // G204: Debian's prometheus on our own paths and port
		"--config.file="+path, "--storage.tsdb.path="+data, "--storage.tsdb.retention.time=10y",
		"--web.listen-address="+addr, "--log.level=warn")
	p.cmd.Stdout, p.cmd.Stderr = p.log, p.log
	// The kernel stops Prometheus if the benchmark dies first.
	p.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := p.cmd.Start(); err != nil {
		return nil, fmt.Errorf("prometheus did not start: %w", err)
	}
	go func() { p.exited <- p.cmd.Wait() }()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		select {
		case err := <-p.exited:
			p.exited <- err
			return nil, fmt.Errorf("prometheus exited before it was ready: %s", strings.TrimSpace(p.log.String()))
		case <-ctx.Done():
			p.stop()
			return nil, ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
		if resp, err := http.Get(p.url + "/-/ready"); err == nil { //nolint:gosec,noctx // our own 127.0.0.1 server
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p, nil
			}
		}
	}
	p.stop()
	return nil, fmt.Errorf("prometheus was not ready after 2 minutes")
}

func (p *prometheus) stop() {
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-p.exited:
		p.exited <- err
	case <-time.After(15 * time.Second):
		_ = p.cmd.Process.Kill()
		p.exited <- <-p.exited
	}
}

func (p *prometheus) get(path string, out any) error {
	client := &http.Client{Timeout: time.Minute}
	resp, err := client.Get(p.url + path)
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

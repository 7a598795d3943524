import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { childEnv, startProcess, type RunningProcess } from "./child-process.js";

export const NGINX = ["/usr/sbin/nginx", "/usr/local/sbin/nginx"].find((p) => existsSync(p)) ?? "nginx";

export interface LoadBalancerOptions {
  port: number;
  /** host:port of each instance. */
  upstreams: string[];
  /** A folder of its own (nginx's -p prefix): config, pid, logs and temp files all live there. */
  dir: string;
}

export interface LoadBalancer {
  url: string;
  process: RunningProcess;
  /** The upstream that answered each request so far ("127.0.0.1:port", or several when nginx moved on). */
  upstreamLog(): Array<{ upstream: string; status: number; upstreamStatus: string }>;
}

/**
 * nginx's config for instances of the service: round robin, and a request an instance refuses or cannot take
 * (connection refused or reset, 502/503/504: the 503 an instance answers while it drains on SIGTERM) goes to
 * the next one. `non_idempotent`: GraphQL sends queries and mutations alike as POST, which nginx otherwise never
 * retries; a draining instance refuses before running anything, so only a request that was never run is
 * repeated, except when an instance dies in the middle of one (see docs/federation.md).
 */
export function nginxConfig(options: LoadBalancerOptions): string {
  const user = process.getuid?.() === 0 ? "user root;\n" : "";
  return `${user}daemon off;
worker_processes 1;
pid ${join(options.dir, "nginx.pid")};
error_log ${join(options.dir, "error.log")} warn;
events { worker_connections 1024; }
http {
  client_body_temp_path ${join(options.dir, "tmp", "body")};
  proxy_temp_path ${join(options.dir, "tmp", "proxy")};
  fastcgi_temp_path ${join(options.dir, "tmp", "fastcgi")};
  uwsgi_temp_path ${join(options.dir, "tmp", "uwsgi")};
  scgi_temp_path ${join(options.dir, "tmp", "scgi")};
  log_format upstreams '$upstream_addr|$status|$upstream_status';
  access_log ${join(options.dir, "access.log")} upstreams;
  upstream customer_graph {
${options.upstreams.map((u) => `    server ${u} max_fails=1 fail_timeout=10s;`).join("\n")}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${options.port};
    client_max_body_size 2m;
    location / {
      proxy_pass http://customer_graph;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_connect_timeout 2s;
      proxy_read_timeout 30s;
      proxy_next_upstream error timeout http_502 http_503 http_504 non_idempotent;
      proxy_next_upstream_tries ${options.upstreams.length};
    }
  }
}
`;
}

/** Debian's nginx in front of the instances, in the foreground, with a generated config in `dir`. */
export async function startLoadBalancer(options: LoadBalancerOptions): Promise<LoadBalancer> {
  mkdirSync(join(options.dir, "tmp"), { recursive: true });
  const conf = join(options.dir, "nginx.conf");
  writeFileSync(conf, nginxConfig(options));
  const { process } = await startProcess({
    command: NGINX,
    args: ["-p", options.dir, "-c", conf, "-e", join(options.dir, "error.log")],
    env: childEnv({}),
    // nginx prints nothing when it starts: ready is the port accepting connections.
    ready: () => accepts(options.port),
    missing: "Debian: apt-get install nginx",
    timeoutMs: 10_000,
  });
  return {
    url: `http://127.0.0.1:${options.port}`,
    process,
    upstreamLog: () =>
      readLog(join(options.dir, "access.log"))
        .split("\n")
        .filter(Boolean)
        .map((line) => {
          const [upstream = "", status = "0", upstreamStatus = ""] = line.split("|");
          return { upstream, status: Number(status), upstreamStatus };
        }),
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

function readLog(file: string): string {
  return existsSync(file) ? readFileSync(file, "utf8") : "";
}

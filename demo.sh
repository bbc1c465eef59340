#!/usr/bin/env bash
# Builds the agent and the demo app, then runs the unmodified demo app under the agent with demo/policies.json.
set -euo pipefail
cd "$(dirname "$0")"
echo "Building Bulwark and the demo app (the first build downloads dependencies)..."
mvn -q -B -DskipTests -pl agent,demo -am package
# -Xshare:off keeps the JVM quiet about class data sharing, which appending to the boot class path disables.
exec java -Xshare:off -javaagent:agent/target/bulwark-agent.jar=demo/policies.json -jar demo/target/bulwark-demo.jar

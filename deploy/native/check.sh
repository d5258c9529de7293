#!/usr/bin/env bash
# deploy/native/check.sh MODULE [--no-package] [--analysis-only]
#
# Checks whether a Quarkus service of this repository gets through GraalVM native-image analysis
# (and, unless --analysis-only, compilation up to writing the relocatable object file) WITHOUT a
# GraalVM/Mandrel distribution: the builder (org.graalvm.nativeimage:svm 25.0.2 and friends from
# Maven Central) runs on the Temurin 25 JDK, fed with what `quarkus.native.sources-only` produces.
# Linking is never attempted (no static JDK libraries / SVM C support code exist here).
#
#   1. ./mvnw package -Dquarkus.native.enabled=true -Dquarkus.native.sources-only=true -pl MODULE
#      -> MODULE/target/native-sources/{native-image.args, *-runner.jar, lib/}
#   2. translate native-image.args (driver syntax) + every META-INF/native-image/** file on the
#      image class path into NativeImageGeneratorRunner arguments (what the `native-image` driver,
#      not published on Maven Central, would do)
#   3. run com.oracle.svm.hosted.NativeImageGeneratorRunner on the module path of the svm jars
#
# Output: MODULE/target/native-check/{builder.args, build.log, summary.txt}; exit code = builder's.
# Environment: JAVA25 (default /usr/lib/jvm/temurin-25-jdk-amd64), SVM_VERSION (25.0.2),
#              SVM_HOME (default /tmp/svm: builder jars are resolved into $SVM_HOME/lib once),
#              BUILDER_XMX (default 8g), EXTRA_BUILDER_ARGS (extra -H: options, space separated),
#              MVN_EXTRA (extra Maven arguments for step 1).
set -euo pipefail

MODULE=${1:?usage: native-check.sh MODULE [--no-package] [--analysis-only]}
shift
PACKAGE=1
ANALYSIS_ONLY=0
for a in "$@"; do
  case "$a" in
    --no-package) PACKAGE=0 ;;
    --analysis-only) ANALYSIS_ONLY=1 ;;
    *) echo "unknown flag $a" >&2; exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64}
SVM_VERSION=${SVM_VERSION:-25.0.2}
SVM_HOME=${SVM_HOME:-/tmp/svm}
BUILDER_XMX=${BUILDER_XMX:-8g}
SRC="$ROOT/$MODULE/target/native-sources"
OUT="$ROOT/$MODULE/target/native-check"

# ---------------------------------------------------------------- builder jars (once)
if [ ! -f "$SVM_HOME/lib/svm-$SVM_VERSION.jar" ]; then
  mkdir -p "$SVM_HOME"
  cat > "$SVM_HOME/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>tmp</groupId><artifactId>svm-deps</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.graalvm.nativeimage</groupId><artifactId>svm</artifactId><version>$SVM_VERSION</version></dependency>
  </dependencies>
</project>
EOF
  "$ROOT/mvnw" -q -B -f "$SVM_HOME/pom.xml" dependency:copy-dependencies -DoutputDirectory="$SVM_HOME/lib"
fi
# A private copy of the JDK acts as the "GraalVM home": the builder looks for its small C helper
# ($JAVA_HOME/lib/svm/builder/lib/libreporterchelper.so, not published on Maven Central) there.
# We write a stand-in for it (peak RSS and terminal width for the build output).
GHOME="$SVM_HOME/jdk"
if [ ! -x "$GHOME/bin/java" ]; then
  rm -rf "$GHOME.tmp"; cp -a "$JAVA25" "$GHOME.tmp"; mv "$GHOME.tmp" "$GHOME"
fi
if [ ! -f "$GHOME/lib/svm/builder/lib/libreporterchelper.so" ]; then
  mkdir -p "$GHOME/lib/svm/builder/lib"
  cat > "$SVM_HOME/reporterchelper.c" <<'CEOF'
#include <jni.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <unistd.h>
JNIEXPORT jlong JNICALL Java_com_oracle_svm_hosted_ProgressReporterCHelper_getPeakRSS0(JNIEnv *env, jclass c) {
  struct rusage u;
  if (getrusage(RUSAGE_SELF, &u) != 0) return -1;
  return (jlong) u.ru_maxrss * 1024;
}
JNIEXPORT jint JNICALL Java_com_oracle_svm_hosted_ProgressReporterCHelper_getTerminalWindowColumns0(JNIEnv *env, jclass c) {
  struct winsize w;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &w) == 0 && w.ws_col > 0) return w.ws_col;
  return 120;
}
CEOF
  gcc -shared -fPIC -O2 -I"$JAVA25/include" -I"$JAVA25/include/linux" \
      -o "$GHOME/lib/svm/builder/lib/libreporterchelper.so" "$SVM_HOME/reporterchelper.c"
fi
JAVA25="$GHOME"

COMPILER_JAR=$(ls "$SVM_HOME"/lib/compiler-*.jar)
BUILDER_MP=$(ls "$SVM_HOME"/lib/*.jar | grep -v '/compiler-[0-9]' | paste -sd: -)

# JDK-internal packages the builder modules use (what the driver's graal-compiler-flags-25.config
# carries); exported to every builder module and to ALL-UNNAMED.
EXPORTS_FILE="$SVM_HOME/builder-exports.txt"
if [ ! -f "$EXPORTS_FILE" ]; then
  T=jdk.graal.compiler,org.graalvm.nativeimage.builder,org.graalvm.nativeimage.pointsto,org.graalvm.nativeimage.objectfile,org.graalvm.nativeimage.base,org.graalvm.truffle.compiler,org.graalvm.nativeimage.configure,org.graalvm.nativeimage.libgraal,org.graalvm.espresso.shared.svm,org.graalvm.nativeimage,org.graalvm.word,org.graalvm.collections
  {
    for p in $("$JAVA25/bin/java" --describe-module jdk.internal.vm.ci | awk '/^(contains|qualified exports|exports)/{print ($1=="qualified")?$3:$2}' | sort -u); do
      echo "--add-exports=jdk.internal.vm.ci/$p=$T"
    done
    # every concealed package of the other JDK modules (the driver passes the builder's own,
    # shorter, list; exporting all of them is harmless for a check)
    for m in $("$JAVA25/bin/java" --list-modules | sed 's/@.*//' | grep -v -E '^(jdk.internal.vm.ci|jdk.graal.compiler.*|jdk.hotspot.agent|jdk.jcmd)$'); do
      for p in $("$JAVA25/bin/java" --describe-module "$m" | awk '/^(contains|qualified exports)/{print ($1=="qualified")?$3:$2}' | sort -u); do
        echo "--add-exports=$m/$p=$T"
      done
    done
  } > "$EXPORTS_FILE"
fi

JVM_COMMON=(
  -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI -XX:-UseJVMCICompiler
  --upgrade-module-path "$COMPILER_JAR" --module-path "$BUILDER_MP"
  @"$EXPORTS_FILE"
)

# ---------------------------------------------------------------- @APIOption table (once)
API_TSV="$SVM_HOME/apioptions.tsv"
if [ ! -s "$API_TSV" ]; then
  mkdir -p "$SVM_HOME/tool"
  cat > "$SVM_HOME/tool/DumpApiOptions.java" <<'EOF'
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.ServiceLoader;
import jdk.graal.compiler.options.OptionDescriptor;
import jdk.graal.compiler.options.OptionDescriptors;
import com.oracle.svm.core.option.APIOption;

/** Prints the driver-level options (--foo) of the builder and the -H: option each one maps to. */
public class DumpApiOptions {
    public static void main(String[] a) throws Exception {
        for (OptionDescriptors ods : ServiceLoader.load(OptionDescriptors.class, DumpApiOptions.class.getClassLoader())) {
            for (OptionDescriptor d : ods) {
                Field f;
                try { f = d.getDeclaringClass().getDeclaredField(d.getFieldName()); } catch (NoSuchFieldException e) { continue; }
                for (APIOption o : f.getAnnotationsByType(APIOption.class)) {
                    for (String name : o.name()) {
                        String tr = o.valueTransformer().length == 0 ? "" : o.valueTransformer()[0].getName();
                        String suffix = tr.endsWith("InitializationValueBuildTime") ? ":build_time"
                                      : tr.endsWith("InitializationValueRunTime") ? ":run_time" : "";
                        System.out.println(String.join("\t", name, d.getName(), o.kind().toString(),
                            String.join(",", o.fixedValue()), d.getOptionValueType().getSimpleName(), suffix, "x"));
                    }
                }
            }
        }
    }
}
EOF
  "$JAVA25/bin/java" "${JVM_COMMON[@]}" \
    --add-modules org.graalvm.nativeimage.builder,jdk.graal.compiler \
    --add-exports jdk.graal.compiler/jdk.graal.compiler.options=ALL-UNNAMED \
    --add-exports org.graalvm.nativeimage.builder/com.oracle.svm.core.option=ALL-UNNAMED \
    "$SVM_HOME/tool/DumpApiOptions.java" > "$API_TSV.tmp" 2> "$SVM_HOME/tool/dump.err" || { cat "$SVM_HOME/tool/dump.err" >&2; exit 1; }
  mv "$API_TSV.tmp" "$API_TSV"
fi

# ---------------------------------------------------------------- C headers (once)
# The C annotation processor compiles query code against SVM's libchelper headers
# (include/amd64cpufeatures.h, svm_locale.h, ...), which are not published on Maven Central either.
# Stand-ins are generated from the @CStruct/@CField/@CConstant declarations in the builder jar:
# enough for analysis and compilation, meaningless for a runnable binary.
CLIB="$SVM_HOME/clibraries"
if [ ! -f "$CLIB/include/amd64cpufeatures.h" ]; then
  mkdir -p "$SVM_HOME/tool"
  cat > "$SVM_HOME/tool/HeaderGen.java" <<'JEOF'
import java.io.*;
import java.lang.reflect.Method;
import java.nio.file.*;
import java.util.*;
import org.graalvm.nativeimage.c.constant.CConstant;
import org.graalvm.nativeimage.c.struct.CField;
import org.graalvm.nativeimage.c.struct.CStruct;

/** Writes stand-ins for SVM's libchelper headers from the @CStruct/@CConstant declarations of the builder. */
public class HeaderGen {
    static int counter = 0;
    static String ctype(Class<?> t) {
        if (t == boolean.class || t == byte.class) return "char";
        if (t == short.class || t == char.class) return "short";
        if (t == int.class) return "int";
        if (t == long.class) return "long long";
        if (t == float.class) return "float";
        if (t == double.class) return "double";
        return "void *";
    }
    public static void main(String[] a) throws Exception {
        Path dir = Paths.get(a[0]);
        Files.createDirectories(dir.resolve("include"));
        String[][] specs = {
            {"include/amd64cpufeatures.h", "com.oracle.svm.core.amd64.AMD64LibCHelper"},
            {"include/aarch64cpufeatures.h", "com.oracle.svm.core.aarch64.AArch64LibCHelper"},
            {"include/riscv64cpufeatures.h", "com.oracle.svm.core.riscv64.RISCV64LibCHelper"},
            {"include/svm_locale.h", "com.oracle.svm.core.c.locale.LocaleCHelper"},
        };
        for (String[] s : specs) {
            StringBuilder sb = new StringBuilder("/* generated by native-check HeaderGen from " + s[1] + " */\n#include <stddef.h>\n");
            Class<?> outer = Class.forName(s[1]);
            List<Class<?>> classes = new ArrayList<>(List.of(outer));
            classes.addAll(List.of(outer.getDeclaredClasses()));
            for (Class<?> c : classes) {
                for (Method m : c.getDeclaredMethods()) {
                    CConstant cc = m.getAnnotation(CConstant.class);
                    if (cc != null) {
                        String n = cc.value().isEmpty() ? m.getName() : cc.value();
                        sb.append("#define ").append(n).append(" ").append(++counter).append("\n");
                    }
                }
                CStruct cs = c.getAnnotation(CStruct.class);
                if (cs == null) continue;
                String name = cs.value().isEmpty() ? c.getSimpleName() : cs.value();
                sb.append("typedef struct {\n");
                Set<String> seen = new LinkedHashSet<>();
                Method[] ms = c.getDeclaredMethods();
                Arrays.sort(ms, Comparator.comparing(Method::getName));
                for (Method m : ms) {
                    CField f = m.getAnnotation(CField.class);
                    if (f == null || m.getParameterCount() != 0) continue;
                    String fn = f.value().isEmpty() ? m.getName() : f.value();
                    if (seen.add(fn)) sb.append("  ").append(ctype(m.getReturnType())).append(" ").append(fn).append(";\n");
                }
                sb.append("} ").append(name).append(";\n");
            }
            Files.writeString(dir.resolve(s[0]), sb.toString());
        }
    }
}
JEOF
  "$JAVA25/bin/java" "${JVM_COMMON[@]}" --add-modules org.graalvm.nativeimage.builder,jdk.graal.compiler \
    "$SVM_HOME/tool/HeaderGen.java" "$CLIB" 2> "$SVM_HOME/tool/headergen.err" || { cat "$SVM_HOME/tool/headergen.err" >&2; exit 1; }
fi

# ---------------------------------------------------------------- 1. Quarkus native sources
if [ "$PACKAGE" = 1 ]; then
  # MVN_EXTRA: extra Maven arguments, e.g. -Daircompressor.version=2.0.3 to try another dependency version
  (cd "$ROOT" && ./mvnw -q -B package -DskipTests -pl "$MODULE" -am \
      -Dquarkus.native.enabled=true -Dquarkus.native.sources-only=true ${MVN_EXTRA:-})
fi
[ -f "$SRC/native-image.args" ] || { echo "no $SRC/native-image.args" >&2; exit 1; }
rm -rf "$OUT"; mkdir -p "$OUT"

# ---------------------------------------------------------------- 2. driver emulation
CLIB="$CLIB" python3 - "$SRC" "$OUT" "$API_TSV" "$ANALYSIS_ONLY" <<'PY'
import os, re, sys, zipfile, shlex

src, out, api_tsv, analysis_only = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
api = {}
for line in open(api_tsv):
    name, opt, kind, fixed, vtype, suffix, _ = line.rstrip("\n").split("\t")
    key = name if name.startswith("-") and not name.startswith("--") and len(name) > 1 and name[1] != "-" else name
    api[name] = dict(opt=opt, kind=kind, fixed=fixed, vtype=vtype, suffix=suffix)

jvm, hargs, excludes, unknown = [], [], [], []
image_jar, image_name = None, None

def api_option(name, value, origin):
    spec = api.get(name)
    if spec is None:
        unknown.append(f"--{name} (from {origin})"); return
    if spec["vtype"] == "Boolean":
        if value is not None and value.lower() == "false":
            neg = True
        else:
            neg = spec["kind"] == "Negated"
        hargs.append(("-H:-" if neg else "-H:+") + spec["opt"]); return
    if spec["fixed"]:
        value = spec["fixed"]
    if value is None:
        value = ""
    if spec["suffix"]:
        value = ",".join(v + spec["suffix"] for v in value.split(",") if v)
    hargs.append(f"-H:{spec['opt']}={value}")

def process(args, origin, top):
    global image_jar, image_name
    i = 0
    while i < len(args):
        a = args[i]; i += 1
        if a.startswith("-J"):
            jvm.append(a[2:])
        elif a.startswith("-H:") or a.startswith("-R:"):
            hargs.append(a)
        elif a == "--exclude-config":
            excludes.append((re.compile(args[i]), re.compile(args[i + 1]))); i += 2
        elif a == "-jar":
            image_jar = args[i]; i += 1
        elif a in ("-cp", "-classpath", "--class-path"):
            unknown.append(f"{a} (not supported by this emulation)"); i += 1
        elif a == "-o":
            image_name = args[i]; i += 1
        elif a.startswith("--"):
            name, _, value = a[2:].partition("=")
            api_option(name, value if "=" in a else None, origin)
        elif a.startswith("-") and a in api:
            api_option(a, None, origin)
        elif not a.startswith("-") and top:
            image_name = a
        else:
            unknown.append(f"{a} (from {origin})")

top_args = open(os.path.join(src, "native-image.args")).read().split()
process(top_args, "native-image.args", True)
if image_jar is None:
    sys.exit("native-image.args has no -jar")
jar_path = os.path.join(src, image_jar)

# class path = the jar + its manifest Class-Path (what -jar means)
cp = [os.path.abspath(jar_path)]
main_class = None
with zipfile.ZipFile(jar_path) as z:
    mf = z.read("META-INF/MANIFEST.MF").decode()
mf = re.sub(r"\r?\n ", "", mf)
for line in mf.splitlines():
    if line.startswith("Class-Path:"):
        for e in line.split(":", 1)[1].split():
            cp.append(os.path.abspath(os.path.join(os.path.dirname(jar_path), e)))
    elif line.startswith("Main-Class:"):
        main_class = line.split(":", 1)[1].strip()
    # the driver turns these manifest attributes of the -jar into image-level options
    elif line.startswith("Add-Opens:"):
        for e in line.split(":", 1)[1].split():
            hargs.append(f"-H:AddOpens={e}=ALL-UNNAMED")
    elif line.startswith("Add-Exports:"):
        for e in line.split(":", 1)[1].split():
            hargs.append(f"-H:AddExports={e}=ALL-UNNAMED")
    elif line.startswith("Enable-Native-Access:"):
        hargs.append("-H:EnableNativeAccess=" + line.split(":", 1)[1].strip())

# META-INF/native-image/** on every class-path entry (NativeImageMetaInfWalker + MetaInfFileType)
kinds = {
    "reachability-metadata.json": "ReachabilityMetadataResources",
    "jni-config.json": "JNIConfigurationResources",
    "foreign-config.json": "ForeignResources",
    "reflect-config.json": "ReflectionConfigurationResources",
    "resource-config.json": "ResourceConfigurationResources",
    "proxy-config.json": "DynamicProxyConfigurationResources",
    "serialization-config.json": "SerializationConfigurationResources",
    "serialization-deny-config.json": "SerializationDenyConfigurationResources",
    "predefined-classes-config.json": "PredefinedClassesConfigurationResources",
}
applied = []
for entry in cp:
    if not os.path.exists(entry):
        unknown.append(f"missing class-path entry {entry}"); continue
    if not zipfile.is_zipfile(entry):
        continue
    with zipfile.ZipFile(entry) as z:
        for n in sorted(z.namelist()):
            if not n.startswith("META-INF/native-image/") or n.endswith("/"):
                continue
            base = n.rsplit("/", 1)[1]
            if base != "native-image.properties" and base not in kinds:
                continue
            if any(jp.search(entry) and rp.search("/" + n) for jp, rp in excludes):
                applied.append(f"EXCLUDED {entry}!/{n}"); continue
            applied.append(f"{entry}!/{n}")
            if base in kinds:
                hargs.append("-H:+UnlockExperimentalVMOptions")
                hargs.append(f"-H:{kinds[base]}={n}")
                hargs.append("-H:-UnlockExperimentalVMOptions")
            else:
                text = re.sub(r"\\\r?\n", " ", z.read(n).decode())
                props = {}
                for line in text.splitlines():
                    line = line.strip()
                    if not line or line[0] in "#!":
                        continue
                    k, _, v = line.partition("=")
                    props[k.strip()] = v.strip()
                comp = os.path.dirname(n)
                for key, sink in (("Args", None), ("JavaArgs", jvm)):
                    if key not in props:
                        continue
                    toks = [t.replace("${.}", comp) for t in shlex.split(props[key], posix=True)]
                    if sink is None:
                        process(toks, f"{entry}!/{n}", False)
                    else:
                        sink.extend(toks)
                if "ImageName" in props and image_name is None:
                    image_name = props["ImageName"]

if image_name is None:
    image_name = os.path.basename(jar_path)[:-4]
import uuid
hargs += [f"-H:Path={out}", f"-H:Name={image_name}", f"-H:Class={main_class}", f"-H:ImageBuildID={uuid.uuid4()}"]
hargs += [f"-H:CLibraryPath={os.environ['CLIB']}", "-H:+UnlockExperimentalVMOptions",
          # ExitAfterRelocatableImageWrite also skips the up-front check for static JDK libraries
          "-H:+ExitAfterRelocatableImageWrite"] + (["-H:+ExitAfterAnalysis"] if analysis_only else []) + [
          "-H:-CheckToolchain", "-H:-UnlockExperimentalVMOptions"]

with open(os.path.join(out, "builder.args"), "w") as f:
    f.write("-imagecp\n" + ":".join(cp) + "\n")
    for h in hargs:
        f.write(h + "\n")
with open(os.path.join(out, "builder.jvm"), "w") as f:
    for j in jvm:
        f.write(j + "\n")
with open(os.path.join(out, "metainf-applied.txt"), "w") as f:
    f.write("\n".join(applied) + "\n")
if unknown:
    print("driver emulation: arguments NOT understood:", *unknown, sep="\n  ", file=sys.stderr)
    sys.exit(3)
print(f"driver emulation: {len(cp)} class-path entries, {len(applied)} META-INF/native-image files, "
      f"{len(hargs)} builder args, {len(jvm)} JVM args; main class {main_class}")
PY

# ---------------------------------------------------------------- 3. the builder
# Arguments files for java need quoting; write the JVM args one per line, quoted.
JVM_ARGS_FILE="$OUT/builder.jvm.quoted"
sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/.*/"&"/' "$OUT/builder.jvm" > "$JVM_ARGS_FILE"

mapfile -t BUILDER_ARGS < "$OUT/builder.args"
cd "$OUT"   # relative outputs (e.g. -H:BuildOutputJSONFile) land here
set +e
"$JAVA25/bin/java" "${JVM_COMMON[@]}" \
  -Xss10m "-Xmx$BUILDER_XMX" -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError \
  -Djava.awt.headless=true \
  -Dorg.graalvm.vendor=native-check -Dorg.graalvm.vendorurl=none -Dorg.graalvm.vendorversion="GraalVM CE $SVM_VERSION+10.1" \
  -Dorg.graalvm.version="$SVM_VERSION" \
  -Dcom.oracle.graalvm.isaot=true \
  -Djava.system.class.loader=com.oracle.svm.hosted.NativeImageSystemClassLoader \
  -Dorg.graalvm.nativeimage.imagecode=buildtime \
  -Xshare:off \
  -Djdk.internal.lambda.disableEagerInitialization=true \
  -Djdk.internal.lambda.eagerlyInitialize=false \
  -Djava.lang.invoke.InnerClassLambdaMetafactory.initializeLambdas=false \
  -Djava.lang.invoke.MethodHandle.DONT_INLINE_THRESHOLD=-1 \
  -Djava.lang.invoke.MethodHandle.PROFILE_GWT=false \
  -Dtruffle.TrustAllTruffleRuntimeProviders=true -Dgraalvm.ForcePolyglotInvalid=true -Dgraalvm.locatorDisabled=true \
  -Dsubstratevm.HostLibC=glibc \
  --add-modules=ALL-DEFAULT \
  --enable-native-access=org.graalvm.nativeimage.objectfile,org.graalvm.nativeimage.builder,org.graalvm.nativeimage.pointsto,org.graalvm.nativeimage.base,ALL-UNNAMED \
  @"$JVM_ARGS_FILE" \
  --module org.graalvm.nativeimage.builder/com.oracle.svm.hosted.NativeImageGeneratorRunner \
  "${BUILDER_ARGS[@]}" ${EXTRA_BUILDER_ARGS:-} \
  > "$OUT/build.log" 2>&1
RC=$?
set -e

# ---------------------------------------------------------------- summary
{
  echo "module: $MODULE   builder exit code: $RC"
  grep -E '^\[[0-9]/[0-9]\]|reachable (types|fields|methods)|registered for|^ *[0-9,]+ (types|fields|methods)|Finished generating|Failed generating' "$OUT/build.log" || true
  echo "--- errors and warnings (deduplicated, first line of each):"
  grep -E '^(Error|Warning|Fatal error):|^Caused by:|^Original exception' "$OUT/build.log" | grep -v 'DynamicProxyConfigurationResources. is deprecated' | sort | uniq -c | sort -rn | head -60 || true
} > "$OUT/summary.txt"
cat "$OUT/summary.txt"
exit $RC

/**
 * The Python side of the warm LibreOffice worker (issue 15), run as `python3 -u -c <source>
 * <soffice> <profile URL> <pipe name>` by {@link ./office-pool.ts}. It starts one LibreOffice
 * listening on a private named pipe, connects through Python-UNO (Debian: python3-uno, which
 * libreoffice-common brings), says `{"ready": true}`, then converts one job per line of stdin:
 *
 *   in:  {"id": 7, "input": "/tmp/…/in.docx", "output": "/tmp/…/out.pdf", "updateIndexes": false,
 *         "filter": "writer_pdf_Export"}
 *   out: {"id": 7, "ok": true} | {"id": 7, "ok": false, "error": "…"}
 *
 * The export filter is the job's (PDF by default; "MS Word 2007 XML" or "Calc MS Excel 2007 XML" to
 * turn a Word/Excel 97–2003 upload into DOCX/XLSX for the plan importer). Documents open hidden, read-only, with links never updated (UpdateDocMode NO_UPDATE) and macros
 * never run (MacroExecutionMode NEVER_EXECUTE): a document cannot pull in another file, from
 * another job's folder or anywhere else. Every job has its own folder, deleted after it. The
 * process group (this script and LibreOffice) is killed by the pool on a timeout, and LibreOffice's
 * death ends this script, so a hang or a crash costs one restart, never a stuck queue.
 *
 * Kept as a string so that the production bundle carries it (no file to find beside the bundle).
 */
export const OFFICE_BRIDGE_SOURCE = String.raw`
import json, subprocess, sys, time
import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p

def reply(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()

soffice, profile, pipe = sys.argv[1], sys.argv[2], sys.argv[3]
office = subprocess.Popen(
    [soffice, "-env:UserInstallation=" + profile, "--headless", "--invisible", "--norestore",
     "--nolockcheck", "--nodefault", "--nologo",
     "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext(
    "com.sun.star.bridge.UnoUrlResolver", local)
ctx = None
deadline = time.time() + float(sys.argv[4] if len(sys.argv) > 4 else 60)
while ctx is None:
    if office.poll() is not None:
        reply({"ready": False, "error": "LibreOffice exited (%s)" % office.returncode})
        sys.exit(3)
    try:
        ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
    except NoConnectException:
        if time.time() > deadline:
            office.kill()
            reply({"ready": False, "error": "no connection to LibreOffice"})
            sys.exit(3)
        time.sleep(0.05)
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
reply({"ready": True, "pid": office.pid})

LOAD = (prop("Hidden", True), prop("ReadOnly", True), prop("UpdateDocMode", 0),
        prop("MacroExecutionMode", 0))

for line in sys.stdin:
    job = json.loads(line)
    if job.get("quit"):
        break
    doc = None
    try:
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(job["input"]), "_blank", 0, LOAD)
        if doc is None:
            raise Exception("LibreOffice could not open the document")
        if job.get("updateIndexes"):
            indexes = doc.getDocumentIndexes()
            for i in range(indexes.getCount()):
                indexes.getByIndex(i).update()
        export = (prop("FilterName", job.get("filter") or "writer_pdf_Export"),)
        doc.storeToURL(uno.systemPathToFileUrl(job["output"]), export)
        reply({"id": job["id"], "ok": True})
    except Exception as error:
        try:
            desktop.getComponents()  # is LibreOffice still there?
        except Exception:
            sys.exit(4)  # it died with the document: the pool restarts it and tries once more
        reply({"id": job["id"], "ok": False, "error": str(error)})
    finally:
        if doc is not None:
            try:
                doc.close(True)
            except Exception:
                pass

try:
    desktop.terminate()
except Exception:
    pass
try:
    office.wait(timeout=5)
except Exception:
    office.kill()
`;

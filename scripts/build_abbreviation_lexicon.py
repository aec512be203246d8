#!/usr/bin/env python3
"""Builds Sources/ClinicalNLP/Resources/abbreviations.tsv from the clinical abbreviation sense inventories.

Usage: scripts/build_abbreviation_lexicon.py [DATA_DIR] [OUTPUT]
  DATA_DIR defaults to $NOTEGATE_DATA or ../shared/data; the input is
  DATA_DIR/lexicons/abbreviations/clinical_abbreviations.tsv (Grossman Liu et al. 2021 meta-inventory sources,
  CC BY 4.0).

What it keeps and why:
- CANDIDATES below name the abbreviations NoteGate extracts and the sense it wants (label + expansion). The
  script keeps a candidate only if the inventories list that expansion for it (so every row is backed by data).
- Whether a sense is "clear" is decided from the data: the Vanderbilt clinic/discharge inventories give sense
  frequencies from real notes. A sense with a share >= CLEAR_SHARE (averaged over the inventories that list the
  abbreviation) is clear. Abbreviations absent from Vanderbilt are clear only if every source lists one sense.
- Ambiguous abbreviations are written with ALL their senses that CONTEXT describes (including non-entity senses
  such as "room air" or "physical exam", label `-`), each with the section categories and nearby words that
  indicate it. The pipeline picks a sense only when the context points to exactly one; otherwise the mention is
  marked ambiguous. Ambiguous abbreviations without CONTEXT are left out (never guessed).
- Case: an abbreviation matches case-insensitively only when its lower-case form is not an English word or a
  common token (COMMON_WORDS); otherwise only as written (`PE`, not `pe`).

Output columns: abbreviation, label (PROBLEM/MEDICATION/PROCEDURE/LAB_TEST or - for a non-entity sense),
expansion, UMLS CUI (or -), case (any/exact), status (clear/ambiguous), sections (comma list or -), cue words
(comma list or -).
"""
import csv
import os
import sys
from collections import defaultdict

CLEAR_SHARE = 0.95

# abbreviation: (label, expansion as listed in the inventories)
CANDIDATES = {
    # problems
    "HTN": ("PROBLEM", "hypertension"), "CAD": ("PROBLEM", "coronary artery disease"),
    "COPD": ("PROBLEM", "chronic obstructive pulmonary disease"), "CHF": ("PROBLEM", "congestive heart failure"),
    "GERD": ("PROBLEM", "gastroesophageal reflux disease"), "DM": ("PROBLEM", "diabetes mellitus"),
    "T2DM": ("PROBLEM", "type 2 diabetes mellitus"),     "DM2": ("PROBLEM", "diabetes mellitus type 2"), "IDDM": ("PROBLEM", "insulin-dependent diabetes mellitus"),
    "NIDDM": ("PROBLEM", "non-insulin-dependent diabetes mellitus"), "MI": ("PROBLEM", "myocardial infarction"),
    "SOB": ("PROBLEM", "shortness of breath"), "UTI": ("PROBLEM", "urinary tract infection"),
    "TIA": ("PROBLEM", "transient ischemic attack"), "DVT": ("PROBLEM", "deep vein thrombosis"),
    "OA": ("PROBLEM", "osteoarthritis"), "BPH": ("PROBLEM", "benign prostatic hyperplasia"),
    "CKD": ("PROBLEM", "chronic kidney disease"), "ESRD": ("PROBLEM", "end stage renal disease"),
    "AKI": ("PROBLEM", "acute kidney injury"), "ARF": ("PROBLEM", "acute renal failure"),
    "HLD": ("PROBLEM", "hyperlipidemia"), "OSA": ("PROBLEM", "obstructive sleep apnea"),
    "PVD": ("PROBLEM", "peripheral vascular disease"), "PAD": ("PROBLEM", "peripheral artery disease"),
    "CVA": ("PROBLEM", "cerebrovascular accident"), "URI": ("PROBLEM", "upper respiratory infection"),
    "HCV": ("PROBLEM", "hepatitis C virus"), "HIV": ("PROBLEM", "human immunodeficiency virus"),
    "NSTEMI": ("PROBLEM", "non-ST elevation myocardial infarction"),
    "STEMI": ("PROBLEM", "ST elevation myocardial infarction"), "AFib": ("PROBLEM", "atrial fibrillation"),
        "DJD": ("PROBLEM", "degenerative joint disease"), "DKA": ("PROBLEM", "diabetes ketoacidosis"),
    "ARDS": ("PROBLEM", "acute respiratory distress syndrome"), "BPD": ("PROBLEM", "bronchopulmonary dysplasia"),
    "PUD": ("PROBLEM", "peptic ulcer disease"), "IBS": ("PROBLEM", "irritable bowel syndrome"),
    "IBD": ("PROBLEM", "inflammatory bowel disease"), "SLE": ("PROBLEM", "systemic lupus erythematosus"),
    "PTSD": ("PROBLEM", "post-traumatic stress disorder"), "ADHD": ("PROBLEM", "attention deficit hyperactivity disorder"),
    "MDD": ("PROBLEM", "major depressive disorder"),
    "HCC": ("PROBLEM", "hepatocellular carcinoma"), "CLL": ("PROBLEM", "chronic lymphocytic leukemia"),
    "AML": ("PROBLEM", "acute myeloid leukemia"), "NHL": ("PROBLEM", "non-Hodgkin lymphoma"),
    "LBP": ("PROBLEM", "low back pain"), "N/V": ("PROBLEM", "nausea/vomiting"), "HA": ("PROBLEM", "headache"),
    "AAA": ("PROBLEM", "abdominal aortic aneurysm"), "SBO": ("PROBLEM", "small bowel obstruction"),
    "GIB": ("PROBLEM", "gastrointestinal bleed"), "PNA": ("PROBLEM", "pneumonia"),
    "ICH": ("PROBLEM", "intracerebral hemorrhage"), "SAH": ("PROBLEM", "subarachnoid hemorrhage"),
    "MS": ("PROBLEM", "multiple sclerosis"), "PE": ("PROBLEM", "pulmonary embolism"),
    "RA": ("PROBLEM", "rheumatoid arthritis"), "AF": ("PROBLEM", "atrial fibrillation"),
    "CP": ("PROBLEM", "chest pain"), "CA": ("PROBLEM", "cancer"),
    # medications
    "ASA": ("MEDICATION", "acetylsalicylic acid"), "NTG": ("MEDICATION", "nitroglycerin"),
    "HCTZ": ("MEDICATION", "hydrochlorothiazide"), "MTX": ("MEDICATION", "methotrexate"),
    "NSAID": ("MEDICATION", "nonsteroidal anti-inflammatory drug"), "PPI": ("MEDICATION", "proton pump inhibitor"),
    "SSRI": ("MEDICATION", "selective serotonin reuptake inhibitor"), "LMWH": ("MEDICATION", "low-molecular-weight heparin"),
    "KCL": ("MEDICATION", "potassium chloride"),
    "MVI": ("MEDICATION", "multivitamin"), "TPN": ("MEDICATION", "total parenteral nutrition"),
    "ACEI": ("MEDICATION", "angiotensin converting enzyme inhibitor"), "ARB": ("MEDICATION", "angiotensin II receptor antagonist"),
    # procedures
    "CABG": ("PROCEDURE", "coronary artery bypass grafting"), "PCI": ("PROCEDURE", "percutaneous coronary intervention"),
    "EGD": ("PROCEDURE", "esophagogastroduodenoscopy"), "ERCP": ("PROCEDURE", "endoscopic retrograde cholangiopancreatography"),
    "TKA": ("PROCEDURE", "total knee arthoplasty"), "TURP": ("PROCEDURE", "transurethral resection of the prostate"),
    "EKG": ("PROCEDURE", "electrocardiogram"), "ECG": ("PROCEDURE", "electrocardiogram"),
    "CXR": ("PROCEDURE", "chest x-ray"), "MRI": ("PROCEDURE", "magnetic resonance imaging"),
    "CT": ("PROCEDURE", "computed tomography"), "TEE": ("PROCEDURE", "transesophageal echocardiogram"),
    "TTE": ("PROCEDURE", "transthoracic echocardiogram"), "LP": ("PROCEDURE", "lumbar puncture"),
    "I&D": ("PROCEDURE", "incision and drainage"), "PEG": ("PROCEDURE", "percutaneous endoscopic gastrostomy"),
    "TAH": ("PROCEDURE", "total abdominal hysterectomy"), "BSO": ("PROCEDURE", "bilateral salpingo-oophorectomy"),
    "D&C": ("PROCEDURE", "dilatation and curettage"), "ORIF": ("PROCEDURE", "open reduction and internal fixation"),
    # lab tests
    "CBC": ("LAB_TEST", "complete blood count"), "BMP": ("LAB_TEST", "basic metabolic panel"),
    "CMP": ("LAB_TEST", "comprehensive metabolic panel"), "LFT": ("LAB_TEST", "liver function test"),
    "LFTs": ("LAB_TEST", "liver function tests"), "TSH": ("LAB_TEST", "thyroid stimulating hormone"),
    "INR": ("LAB_TEST", "international normalized ratio"), "PTT": ("LAB_TEST", "partial thromboplastin time"),
    "ESR": ("LAB_TEST", "erythrocyte sedimentation rate"), "CRP": ("LAB_TEST", "c-reactive protein"),
    "BNP": ("LAB_TEST", "brain natriuretic peptide"), "ABG": ("LAB_TEST", "arterial blood gas"),
    "UA": ("LAB_TEST", "urinalysis"), "BUN": ("LAB_TEST", "blood urea nitrogen"),
    "WBC": ("LAB_TEST", "white blood cell count"),     "PSA": ("LAB_TEST", "prostate specific antigen"),
    "Hgb": ("LAB_TEST", "hemoglobin"), "Hct": ("LAB_TEST", "hematocrit"), "PT": ("LAB_TEST", "prothrombin time"),
}

# Ambiguous abbreviations: the senses the context can tell apart. (label, expansion, sections, cue words)
CONTEXT = {
    "MS": [("PROBLEM", "multiple sclerosis", "past_medical_history,problem_list,diagnoses",
            "relapsing,remitting,demyelinating,lesions,neurology,neurologist,interferon,ocrelizumab,optic,neuritis,flare,plaques"),
           ("PROBLEM", "mitral stenosis", "", "mitral,valve,valvular,murmur,echo,echocardiogram,rheumatic,stenosis,diastolic"),
           ("MEDICATION", "morphine sulfate", "medications", "mg,iv,po,prn,pain,morphine,dose,q4h,q6h"),
           ("-", "mental status", "physical_exam", "altered,changes,change,baseline,confused,alert,oriented")],
    "PE": [("PROBLEM", "pulmonary embolism", "", "cta,ct,v/q,anticoagulation,heparin,dvt,embolus,embolism,saddle,wells,d-dimer,clot,lovenox,warfarin,coumadin,pleuritic,hypoxia"),
           ("-", "physical exam", "physical_exam", "exam,examination,findings,vital,vitals,general,heent,normal,unremarkable")],
    "RA": [("PROBLEM", "rheumatoid arthritis", "past_medical_history,problem_list,diagnoses",
            "rheumatoid,rheumatology,rheumatologist,methotrexate,joints,joint,arthritis,synovitis,hands,flare,humira,prednisone"),
           ("-", "room air", "physical_exam,vital_signs", "saturation,sat,sats,o2,oxygen,spo2,pulse,ox,satting,%"),
           ("-", "right atrium", "imaging", "atrium,atrial,dilated,enlarged,echo,echocardiogram,la,rv,lv")],
    "AF": [("PROBLEM", "atrial fibrillation", "", "rvr,rate,rhythm,anticoagulation,warfarin,coumadin,apixaban,eliquis,diltiazem,metoprolol,ekg,ecg,irregular,paroxysmal,cardioversion,chads"),
           ("-", "afebrile", "physical_exam,vital_signs", "vss,vital,vitals,temperature,temp,febrile,hr,bp,rr"),
           ("-", "anterior fontanelle", "physical_exam", "fontanelle,soft,flat,open,infant,newborn")],
    "CP": [("PROBLEM", "chest pain", "chief_complaint,history_of_present_illness",
            "substernal,pressure,radiating,exertional,angina,troponin,ekg,ecg,nitroglycerin,ntg,sob,diaphoresis"),
           ("PROBLEM", "cerebral palsy", "past_medical_history,problem_list", "spastic,quadriplegia,diplegia,developmental,wheelchair,seizures,contractures")],
    "CA": [("PROBLEM", "cancer", "past_medical_history,problem_list,diagnoses,family_history",
            "breast,colon,lung,prostate,metastatic,chemotherapy,radiation,oncology,tumor,mass,carcinoma,stage"),
           ("-", "calcium", "labs", "mg/dl,na,k,cl,mg,phos,level,levels,ionized,low,high")],
    "PT": [("LAB_TEST", "prothrombin time", "labs", "inr,ptt,coagulation,coags,seconds,sec,elevated,prolonged"),
           ("PROCEDURE", "physical therapy", "plan,assessment_and_plan,discharge_instructions",
            "therapy,ot,rehab,rehabilitation,ambulation,gait,strengthening,evaluate,eval,referral,sessions"),
           ("-", "patient", "", "states,reports,denies,is,was,has,will,presents,presented")],
    "ASA": [("MEDICATION", "acetylsalicylic acid", "medications", "mg,daily,81,325,aspirin,tablet,po,qd,enteric,ec,antiplatelet,plavix,clopidogrel"),
            ("-", "american society of anesthesiologists", "", "class,classification,physical,status,anesthesia,i,ii,iii,iv,score")],
    "CVA": [("PROBLEM", "cerebrovascular accident", "past_medical_history,problem_list,diagnoses",
             "stroke,hemiparesis,weakness,aphasia,residual,deficits,infarct,left,right,prior,history"),
            ("-", "costovertebral angle", "physical_exam", "tenderness,tender,no,abdomen,percussion,flank")],
}

COMMON_WORDS = {
    "cad", "sob", "pad", "cap", "peg", "tee", "lp", "ha", "ms", "pe", "ra", "af", "cp", "ca", "pt", "ct", "ua",
    "mi", "oa", "asa", "gad", "ibs", "aml", "hct", "hgb", "wbc", "bun", "psa", "mvi", "tah", "bso", "dm", "arb",
    "uri", "ich", "ecg", "ekg",
}


def norm(text):
    return " ".join(text.lower().replace("-", " ").replace("'", "").split())


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("NOTEGATE_DATA", "../shared/data")
    output = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        os.path.dirname(__file__), "..", "Sources", "ClinicalNLP", "Resources", "abbreviations.tsv")
    source = os.path.join(data, "lexicons", "abbreviations", "clinical_abbreviations.tsv")
    senses = defaultdict(list)  # abbreviation -> [(expansion, source, frequency, cui)]
    with open(source, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            senses[row["abbreviation"]].append(
                (row["expansion"], row["source"], row["frequency"], row["umls_cui"] or ""))

    def cui_of(abbreviation, expansion):
        for e, _, _, cui in senses.get(abbreviation, []):
            if norm(e) == norm(expansion) and cui and cui != "NULL":
                return cui.split("|")[0]
        return "-"

    def same_sense(expansion, other, cui, target_cuis):
        if norm(other) == norm(expansion) or (cui and cui in target_cuis):
            return True
        a, b = set(norm(expansion).split()), set(norm(other).split())
        return len(a & b) / max(1, len(a | b)) >= 0.5

    def share(abbreviation, expansion):
        """Mean share of the sense over the Vanderbilt inventories listing the abbreviation, relative to the senses
        each inventory lists for it (the same sense is recognised by expansion, CUI or word overlap >= 0.5)."""
        rows = senses[abbreviation]
        target_cuis = {c for e, _, _, cui in rows if norm(e) == norm(expansion) and cui and cui != "NULL"
                       for c in cui.split("|")}
        ours, total = defaultdict(float), defaultdict(float)
        for e, src, freq, cui in rows:
            if not src.startswith("Vanderbilt") or not freq:
                continue
            total[src] += float(freq)
            cuis = set(cui.split("|")) if cui and cui != "NULL" else set()
            if same_sense(expansion, e, None, set()) or (cuis & target_cuis):
                ours[src] += float(freq)
        if not total:
            return None
        return sum(ours[s] / total[s] for s in total if total[s] > 0) / len(total)

    out = []
    kept, ambiguous, dropped = 0, 0, []
    for abbreviation, (label, expansion) in CANDIDATES.items():
        rows = senses.get(abbreviation, [])
        if not any(norm(e) == norm(expansion) for e, _, _, _ in rows):
            dropped.append(f"{abbreviation}: '{expansion}' not in the inventories")
            continue
        s = share(abbreviation, expansion)
        distinct = {norm(e) for e, _, _, _ in rows}
        clear = (s is not None and s >= CLEAR_SHARE) or (s is None and len(distinct) == 1)
        case = "exact" if abbreviation.lower() in COMMON_WORDS or len(abbreviation) < 3 else "any"
        if clear:
            out.append([abbreviation, label, expansion, cui_of(abbreviation, expansion), case, "clear", "-", "-"])
            kept += 1
        elif abbreviation in CONTEXT:
            for sense_label, sense_expansion, sections, words in CONTEXT[abbreviation]:
                out.append([abbreviation, sense_label, sense_expansion, cui_of(abbreviation, sense_expansion),
                            "exact", "ambiguous", sections or "-", words or "-"])
            ambiguous += 1
        else:
            dropped.append(f"{abbreviation}: ambiguous (share {s}) and no context rules")
    with open(output, "w", encoding="utf-8") as f:
        f.write("# Generated by scripts/build_abbreviation_lexicon.py from lexicons/abbreviations/clinical_abbreviations.tsv\n")
        f.write("# (Grossman Liu et al. 2021 meta-inventory sources, CC BY 4.0). Do not edit by hand.\n")
        f.write("# abbreviation\tlabel\texpansion\tcui\tcase\tstatus\tsections\tcue words\n")
        for row in out:
            f.write("\t".join(row) + "\n")
    print(f"kept {kept} clear, {ambiguous} ambiguous with context; dropped {len(dropped)}", file=sys.stderr)
    for d in dropped:
        print("  dropped " + d, file=sys.stderr)


if __name__ == "__main__":
    main()

/**
 * SCORM 2004 4th edition manifest for the tests, written the way tools vary:
 * unusual prefixes for every namespace (the default namespace unused),
 * xml:base on the manifest, on <resources> and on a resource (one without
 * its trailing slash), a default organisation that is not the first, nested
 * items, parameters, a hidden item and an asset.
 */
export const SCORM2004_MULTI_SCO = `<?xml version="1.0" encoding="UTF-8"?>
<cp:manifest identifier="org.example.donnees" version="3"
    xmlns:cp="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adl="http://www.adlnet.org/xsd/adlcp_v1p3"
    xmlns:seq="http://www.imsglobal.org/xsd/imsss"
    xmlns:nav="http://www.adlnet.org/xsd/adlnav_v1p3"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xml:base="contenu/">
  <cp:metadata>
    <cp:schema>ADL SCORM</cp:schema>
    <cp:schemaversion>2004 4th Edition</cp:schemaversion>
  </cp:metadata>
  <cp:organizations default="parcours">
    <cp:organization identifier="brouillon">
      <cp:title>Ancienne version</cp:title>
      <cp:item identifier="old" identifierref="res-intro"><cp:title>Ancienne introduction</cp:title></cp:item>
    </cp:organization>
    <cp:organization identifier="parcours" adl:objectivesGlobalToSystem="false">
      <cp:title>Les données sur les migrations</cp:title>
      <cp:item identifier="partie1">
        <cp:title>Partie 1 : les sources</cp:title>
        <cp:item identifier="intro" identifierref="res-intro" parameters="?lang=fr">
          <cp:title>Introduction</cp:title>
          <adl:completionThreshold completedByMeasure="true" minProgressMeasure="0.75"/>
        </cp:item>
        <cp:item identifier="enquetes" identifierref="res-enquetes" parameters="#page2">
          <cp:title>Les enquêtes</cp:title>
          <adl:dataFromLMS>niveau=1</adl:dataFromLMS>
          <seq:sequencing>
            <seq:objectives>
              <seq:primaryObjective objectiveID="reussite" satisfiedByMeasure="true">
                <seq:minNormalizedMeasure>0.6</seq:minNormalizedMeasure>
              </seq:primaryObjective>
            </seq:objectives>
          </seq:sequencing>
        </cp:item>
      </cp:item>
      <cp:item identifier="glossaire" identifierref="res-glossaire" isvisible="false">
        <cp:title>Glossaire</cp:title>
      </cp:item>
    </cp:organization>
  </cp:organizations>
  <cp:resources xml:base="scos/">
    <cp:resource identifier="res-intro" type="webcontent" adl:scormType="sco" xml:base="intro" href="index.html?mode=normal">
      <cp:file href="index.html"/>
      <cp:dependency identifierref="commun"/>
    </cp:resource>
    <cp:resource identifier="res-enquetes" type="webcontent" adl:scormType="sco" href="enquetes/d%C3%A9but.html">
      <cp:file href="enquetes/début.html"/>
    </cp:resource>
    <cp:resource identifier="res-glossaire" type="webcontent" adl:scormType="asset" href="glossaire.html">
      <cp:file href="glossaire.html"/>
    </cp:resource>
    <cp:resource identifier="commun" type="webcontent" adl:scormType="asset">
      <cp:file href="commun/api.js"/>
    </cp:resource>
  </cp:resources>
</cp:manifest>`;

/** The files SCORM2004_MULTI_SCO launches, where xml:base puts them. */
export const SCORM2004_FILES = ["contenu/scos/intro/index.html", "contenu/scos/enquetes/début.html", "contenu/scos/glossaire.html"];

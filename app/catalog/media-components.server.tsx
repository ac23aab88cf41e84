import { Children, isValidElement, type ReactNode } from "react";
import { catalogs } from "~/i18n/catalog";
import type { Locale } from "~/i18n/locales";
import { intlLocale, translate } from "~/i18n/translate";
import { LessonBuildError } from "./compile-lesson.server";
import { type MediaFile, type MediaUse } from "./media-files.server";

/**
 * <Image>, <Video> and <Audio> in lessons, and markdown images, rendered to
 * static HTML at build time. Files are checked and copied by `resolve`
 * (the build's media importer); a problem throws LessonBuildError naming the
 * lesson. Texts around the media (the transcript's summary, the download
 * link) are in the lesson's language, from the message catalogues.
 */
export type MediaContext = {
  file: string;
  lang: Locale;
  resolve: (src: string, use: MediaUse) => MediaFile;
};

/** The reading column is 46rem wide; narrower screens show images full width. */
const IMAGE_SIZES = "(min-width: 46rem) 46rem, 100vw";

export function mediaComponents({ file, lang, resolve }: MediaContext) {
  const t = (key: string, params?: Record<string, string | number>) => translate(catalogs[lang], lang, key, params);
  const fail = (message: string): never => {
    throw new LessonBuildError(file, message);
  };
  const load = (component: string, prop: string, src: unknown, use: MediaUse) => {
    if (typeof src !== "string" || !src.trim()) fail(`<${component}> needs ${prop}="…", a file in the course folder`);
    try {
      return resolve((src as string).trim(), use);
    } catch (error) {
      return fail(`<${component} ${prop}>: ${(error as Error).message}`);
    }
  };
  const requireText = (component: string, prop: string, value: unknown, example: string): string => {
    if (typeof value !== "string" || !value.trim()) fail(`<${component}> needs a non-empty ${prop}: ${example}`);
    return (value as string).trim();
  };
  const megabytes = new Intl.NumberFormat(intlLocale(lang), { style: "unit", unit: "megabyte", maximumFractionDigits: 1 });
  const download = (media: MediaFile, kind: "video" | "audio") => (
    <p className="media-download">
      <a href={media.url} download>
        {t(`learning.media.download.${kind}`, { size: megabytes.format(Math.max(0.1, (media.bytes ?? 0) / 1_000_000)) })}
      </a>
    </p>
  );
  const transcript = (children: ReactNode) =>
    hasContent(children) ? (
      <details className="media-transcript">
        <summary>{t("learning.media.transcript")}</summary>
        <div className="media-transcript-text">{children}</div>
      </details>
    ) : null;

  function figure(component: string, props: { src?: unknown; alt?: unknown; caption?: unknown }) {
    const image = load(component, "src", props.src, "image");
    const alt = requireText(component, "alt text", props.alt, `<Image src="images/x.svg" alt="What the image shows" />`);
    const caption = typeof props.caption === "string" && props.caption.trim() ? props.caption.trim() : null;
    // A single candidate with its width lets a later build add smaller ones; SVG scales by itself.
    const raster = !image.name.endsWith(".svg");
    return (
      <figure className="media media-image">
        <img
          src={image.url}
          alt={alt}
          width={image.width}
          height={image.height}
          loading="lazy"
          decoding="async"
          {...(raster ? { srcSet: `${image.url} ${image.width}w`, sizes: IMAGE_SIZES } : {})}
        />
        {caption ? <figcaption>{caption}</figcaption> : null}
      </figure>
    );
  }

  function Image(props: { src?: unknown; alt?: unknown; caption?: unknown; children?: ReactNode }) {
    if (hasContent(props.children)) fail('<Image> takes no content: write the caption as caption="…"');
    return figure("Image", props);
  }

  /** ![alt](images/x.png "caption") */
  function MarkdownImage(props: { src?: unknown; alt?: unknown; title?: unknown }) {
    return figure("![alt](…)", { src: props.src, alt: props.alt, caption: props.title });
  }

  function player(kind: "video" | "audio", props: PlayerProps) {
    const component = kind === "video" ? "Video" : "Audio";
    const media = load(component, "src", props.src, kind);
    const title = requireText(component, "title", props.title, `<${component} src="media/x" title="What it is about">`);
    const captions = props.captions === undefined ? null : load(component, "captions", props.captions, "captions");
    const poster = kind === "video" && props.poster !== undefined ? load(component, "poster", props.poster, "image") : null;
    if (kind === "audio" && props.poster !== undefined) fail("<Audio> has no poster (only <Video> does)");
    if (!hasContent(props.children) && (kind === "audio" || !captions)) {
      fail(
        kind === "audio"
          ? "<Audio> needs a transcript between <Audio …> and </Audio>: browsers show no captions for sound alone"
          : '<Video> needs captions="….vtt" or a transcript between <Video …> and </Video> (better both): the lesson must be complete without playing it',
      );
    }
    const track = captions ? <track kind="captions" src={captions.url} srcLang={lang} label={t(`courses.language.${lang}`)} default /> : null;
    const Player = kind;
    return (
      <figure className={`media media-${kind}`}>
        <figcaption>{title}</figcaption>
        <Player controls preload="none" src={media.url} {...(poster ? { poster: poster.url } : {})} {...(kind === "video" ? { width: 640, height: 360 } : {})}>
          {track}
        </Player>
        {download(media, kind)}
        {transcript(props.children)}
      </figure>
    );
  }

  return {
    Image,
    img: MarkdownImage,
    Video: (props: PlayerProps) => player("video", props),
    Audio: (props: PlayerProps) => player("audio", props),
    /** An <Image> or markdown image element (it renders a <figure>). */
    isImage: (node: ReactNode) => isValidElement(node) && [MarkdownImage, Image].includes(node.type as typeof Image),
  };
}

type PlayerProps = { src?: unknown; captions?: unknown; poster?: unknown; title?: unknown; children?: ReactNode };

function hasContent(children: ReactNode): boolean {
  return Children.toArray(children).some((child) => typeof child !== "string" || child.trim() !== "");
}

/* kith-chip.c */
#include "kith-chip.h"

#define CHIP_SIZE 12

struct _KithChip
{
  GtkWidget parent_instance;
  GdkRGBA   rgba;
  char     *colour;
};

G_DEFINE_FINAL_TYPE (KithChip, kith_chip, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_COLOUR, N_PROPS };
static GParamSpec *properties[N_PROPS];

gboolean
kith_parse_colour (const char *colour,
                   GdkRGBA    *rgba)
{
  if (colour != NULL && colour[0] == '#' && gdk_rgba_parse (rgba, colour))
    return TRUE;
  *rgba = (GdkRGBA) { 0.5f, 0.5f, 0.5f, 1.0f };
  return FALSE;
}

void
kith_chip_set_colour (KithChip   *self,
                      const char *colour)
{
  g_return_if_fail (KITH_IS_CHIP (self));

  if (g_strcmp0 (self->colour, colour) == 0)
    return;
  g_free (self->colour);
  self->colour = g_strdup (colour);
  kith_parse_colour (colour, &self->rgba);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOUR]);
}

static void
kith_chip_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  KithChip *self = KITH_CHIP (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  float size = MIN (w, h);   /* CHIP_SIZE unless asked bigger */
  GskRoundedRect rect;

  gsk_rounded_rect_init_from_rect (&rect,
                                   &GRAPHENE_RECT_INIT ((w - size) / 2.0f, (h - size) / 2.0f, size, size),
                                   size / 3.5f);
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  gtk_snapshot_append_color (snapshot, &self->rgba, &rect.bounds);
  gtk_snapshot_pop (snapshot);
}

static void
kith_chip_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  *minimum = *natural = CHIP_SIZE;
}

static void
kith_chip_finalize (GObject *object)
{
  g_free (KITH_CHIP (object)->colour);
  G_OBJECT_CLASS (kith_chip_parent_class)->finalize (object);
}

static void
kith_chip_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_COLOUR:
      g_value_set_string (value, KITH_CHIP (object)->colour);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_chip_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_COLOUR:
      kith_chip_set_colour (KITH_CHIP (object), g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_chip_class_init (KithChipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = kith_chip_finalize;
  object_class->get_property = kith_chip_get_property;
  object_class->set_property = kith_chip_set_property;
  widget_class->snapshot = kith_chip_snapshot;
  widget_class->measure = kith_chip_measure;

  properties[PROP_COLOUR] =
    g_param_spec_string ("colour", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "chip");
  /* decoration: the code's name beside it is what a screen reader reads */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
kith_chip_init (KithChip *self)
{
  kith_parse_colour (NULL, &self->rgba);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}

GtkWidget *
kith_chip_new (void)
{
  return g_object_new (KITH_TYPE_CHIP, NULL);
}
